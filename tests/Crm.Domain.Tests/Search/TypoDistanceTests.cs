using Crm.Domain.Search;

namespace Crm.Domain.Tests.Search;

public sealed class TypoDistanceTests
{
    [Theory]
    [InlineData("Zhang Wei", "Zhang Wei", 0)]
    [InlineData("zhang  wei", "Zhang Wei", 0)]
    [InlineData("Zhnag Wei", "Zhang Wei", 1)]
    [InlineData("Zhnag Wei", "Zhao Wei", 2)]
    [InlineData("Zhang Wi", "Zhang Wei", 1)]
    [InlineData("Zhang Weii", "Zhang Wei", 1)]
    [InlineData("Zhang Wen", "Zhang Wei", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("abc", "ca", 3)]
    [InlineData("", "Wei", 3)]
    [InlineData("Wei", null, 3)]
    [InlineData("王晓明", "王小明", 1)]
    [InlineData("José", "Jose", 0)]
    public void Between_CountsEdits_ASwapOfNeighboursAsOne(string? query, string? text, int edits) =>
        Assert.Equal(edits, TypoDistance.Between(query, text));

    [Fact]
    public void Between_IsSymmetric() =>
        Assert.Equal(TypoDistance.Between("kitten", "sitting"), TypoDistance.Between("sitting", "kitten"));
}
