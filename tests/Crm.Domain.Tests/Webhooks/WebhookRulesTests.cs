using Crm.Domain.Webhooks;

namespace Crm.Domain.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData(1, 10.0)]
    [InlineData(2, 30.0)]
    [InlineData(3, 120.0)]
    [InlineData(8, 4 * 3600.0)]
    public void NextDelay_DefaultSchedule_FollowsTheSchedule(int failures, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookBackoff.NextDelay(WebhookBackoff.DefaultSchedule, failures));

    [Fact]
    public void NextDelay_BeyondTheSchedule_IsNull()
    {
        Assert.Null(WebhookBackoff.NextDelay(WebhookBackoff.DefaultSchedule, 9));
        Assert.Null(WebhookBackoff.NextDelay([], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookBackoff.NextDelay(WebhookBackoff.DefaultSchedule, 0));
    }

    [Fact]
    public void Sign_KnownInput_MatchesAnIndependentHmac()
    {
        // Expected value from Python's hmac module over the same bytes.
        Assert.Equal(
            "sha256=61d6988c7cffecf6de8a084b903d258ed132be565f1f3f0f3bd522de7e5f27ec",
            WebhookSignature.Sign(Secret, 1_700_000_000, "{\"id\":\"e1\"}"));
    }

    [Fact]
    public void Verify_ChangedBodyTimestampOrSecret_IsFalse()
    {
        var signature = WebhookSignature.Sign(Secret, 1_700_000_000, "{}");

        Assert.True(WebhookSignature.Verify(Secret, 1_700_000_000, "{}", signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_700_000_001, "{}", signature));
        Assert.False(WebhookSignature.Verify(Secret, 1_700_000_000, "{ }", signature));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), 1_700_000_000, "{}", signature));
    }

    [Fact]
    public void NewSecret_Is32RandomBytesInHex()
    {
        var a = WebhookSignature.NewSecret();

        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, WebhookSignature.NewSecret());
        Assert.Equal(a[^4..], WebhookSignature.Hint(a));
    }

    [Theory]
    [InlineData("https://example.com/hooks/crm")]
    [InlineData("https://hooks.example.cn:8443/crm?token=abc")]
    [InlineData("http://localhost:5000/hooks")]
    [InlineData("http://127.0.0.1:5000/hooks")]
    public void Problem_AcceptableUrl_IsNull(string url) => Assert.Null(WebhookUrlRules.Problem(url));

    [Theory]
    [InlineData("http://example.com/hooks")]
    [InlineData("http://10.0.0.1/hooks")]
    [InlineData("http://localhost.example.com/hooks")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("example.com/hooks")]
    [InlineData("https://user:pass@example.com/")]
    [InlineData("https://example.com/#fragment")]
    [InlineData("")]
    public void Problem_UnacceptableUrl_SaysWhy(string url) => Assert.NotNull(WebhookUrlRules.Problem(url));

    [Fact]
    public void Problem_LongerThanTheLimit_SaysSo()
    {
        var url = "https://example.com/" + new string('a', WebhookUrlRules.MaxLength);

        Assert.Contains("2000", WebhookUrlRules.Problem(url), StringComparison.Ordinal);
        Assert.Null(WebhookUrlRules.Problem(url[..WebhookUrlRules.MaxLength]));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("abcd", "abcd")]
    [InlineData("abcde", "bcde")]
    [InlineData("0123456789", "6789")]
    public void Hint_ShowsAtMostTheLastFour(string secret, string expected) => Assert.Equal(expected, WebhookSignature.Hint(secret));

    [Theory]
    [InlineData("not a url", "An absolute URL such as https://example.com/hooks/crm is required.")]
    [InlineData("https://user:pw@example.com/hook", "The URL must not carry a user name or password.")]
    [InlineData("https://example.com/hook#x", "The URL must not carry a fragment ('#...').")]
    [InlineData("http://example.com/hook", "The URL must use https (plain http only for localhost or 127.0.0.1).")]
    [InlineData("ftp://example.com/hook", "The URL must use https (plain http only for localhost or 127.0.0.1).")]
    public void Problem_BadUrl_SaysWhatIsWrong(string url, string expected) => Assert.Equal(expected, WebhookUrlRules.Problem(url));
}
