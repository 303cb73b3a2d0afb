using Crm.Domain.Cases;

namespace Crm.Domain.Tests.Cases;

public sealed class CaseTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Check_Blank_IsRequired(string? value)
    {
        var problem = CaseText.Check("subject", value, CaseText.MaxSubject);

        Assert.Equal(("subject", "Required."), (problem!.Field, problem.Message));
    }

    [Fact]
    public void Check_AtTheLimit_IsAccepted() =>
        Assert.Null(CaseText.Check("subject", new string('x', 5), 5));

    [Fact]
    public void Check_OneOverTheLimit_SaysTheLimit()
    {
        var problem = CaseText.Check("body", new string('x', 6), 5);

        Assert.Equal(("body", "At most 5 characters."), (problem!.Field, problem.Message));
    }

    [Fact]
    public void Check_SurroundingSpaces_DoNotCount() =>
        Assert.Null(CaseText.Check("subject", "   " + new string('x', 5) + "   ", 5));

    [Fact]
    public void Check_ChineseText_CountsCharacters() =>
        Assert.Null(CaseText.Check("subject", "快递三天没有更新", 8));

    [Fact]
    public void Limits_AreTheDocumentedOnes() =>
        Assert.Equal((200, 8000, 64), (CaseText.MaxSubject, CaseText.MaxBody, CaseText.MaxOrderReference));
}
