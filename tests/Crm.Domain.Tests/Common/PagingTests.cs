using Crm.Domain.Common;

namespace Crm.Domain.Tests.Common;

public sealed class PagingTests
{
    [Theory]
    [InlineData(int.MinValue, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    [InlineData(int.MaxValue, false)]
    public void IsValidPageSize_OneToOneHundred(int pageSize, bool expected) =>
        Assert.Equal(expected, Paging.IsValidPageSize(pageSize));

    [Fact]
    public void DefaultPageSize_IsAValidPageSize()
    {
        Assert.Equal((20, 100), (Paging.DefaultPageSize, Paging.MaxPageSize));
        Assert.True(Paging.IsValidPageSize(Paging.DefaultPageSize));
    }
}
