using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Domain.Reports;
using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Common;

/// <summary>
/// Ids end where the text ends: .NET's '$' also matches before a final '\n', so "acme\n" passed as a tenant id and
/// reached keys and logs. Every id pattern anchors with '\z' instead.
/// </summary>
public sealed class EndOfInputPatternTests
{
    [Theory]
    [InlineData("acme\n")]
    [InlineData("acme\r\n")]
    [InlineData("\nacme")]
    public void IsTenantId_TrailingOrLeadingNewline_IsRefused(string value) => Assert.False(Identifiers.IsTenantId(value));

    [Fact]
    public void IsTenantId_PlainSlug_IsAccepted() => Assert.True(Identifiers.IsTenantId("acme-mall"));

    [Theory]
    [InlineData("case-1\n")]
    [InlineData("0123456789abcdef0123456789abcdef\n")]
    public void IsEntityId_TrailingNewline_IsRefused(string value) => Assert.False(Identifiers.IsEntityId(value));

    [Fact]
    public void IsEntityId_PlainId_IsAccepted() => Assert.True(Identifiers.IsEntityId("case_1-A"));

    [Fact]
    public void UsernameIsValid_TrailingNewline_IsRefused()
    {
        Assert.True(Usernames.IsValid("li-wei"));
        Assert.False(Usernames.IsValid("li-wei\n"));
    }

    [Theory]
    [InlineData("2026-12\n")]
    [InlineData("2026-W49\n")]
    [InlineData("2026-Q4\n")]
    public void ReportPeriodTryParse_TrailingNewline_IsRefused(string value) => Assert.False(ReportPeriod.TryParse(value, out _));

    [Fact]
    public void SurveyKey_TrailingNewline_IsRefused()
    {
        Assert.True(SurveyRules.IsKey("csat"));
        Assert.False(SurveyRules.IsKey("csat\n"));
    }
}
