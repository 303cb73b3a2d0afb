using Crm.Domain.Surveys;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Surveys;

public sealed class InvitationRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Fact]
    public void Derive_IsWellFormedAndDistinctPerInvitationAndTenant()
    {
        var tokens = Enumerable.Range(0, 2000).Select(i => InvitationToken.Derive(Key, "acme", $"inv{i}")).ToList();

        Assert.All(tokens, t => Assert.True(InvitationToken.IsWellFormed(t), t));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.NotEqual(InvitationToken.Derive(Key, "acme", "inv1"), InvitationToken.Derive(Key, "other", "inv1"));
    }

    [Fact]
    public void Derive_SameInputs_SameTokenAndAnotherKeyAnotherToken()
    {
        var otherKey = Key.Select(b => (byte)(b ^ 0xff)).ToArray();

        Assert.Equal(InvitationToken.Derive(Key, "acme", "inv1"), InvitationToken.Derive(Key, "acme", "inv1"));
        Assert.NotEqual(InvitationToken.Derive(Key, "acme", "inv1"), InvitationToken.Derive(otherKey, "acme", "inv1"));
    }

    [Fact]
    public void Derive_IsTheHmacOfTheNamedInvitation()
    {
        var expected = System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(Key, System.Text.Encoding.UTF8.GetBytes("crm.survey-invitation:acme/inv1")));

        Assert.Equal(expected, InvitationToken.Derive(Key, "acme", "inv1"));
    }

    [Fact]
    public void Derive_ShortKey_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => InvitationToken.Derive(new byte[16], "acme", "inv1"));
    }

    [Fact]
    public void Derive_SpreadsOverTheWholeAlphabet()
    {
        var characters = string.Concat(Enumerable.Range(0, 500).Select(i => InvitationToken.Derive(Key, "acme", $"i{i}")));

        // 64 symbols; a stuck or truncated derivation would show far fewer.
        Assert.Equal(64, characters.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void IsWellFormed_AnythingButATokenShape_IsRefused(string? token)
    {
        Assert.False(InvitationToken.IsWellFormed(token));
    }

    [Fact]
    public void IsWellFormed_EveryBase64UrlSymbol_IsAccepted()
    {
        Assert.True(InvitationToken.IsWellFormed("AZaz09-_" + new string('x', InvitationToken.Length - 8)));
    }

    [Fact]
    public void Hash_IsTheHexSha256OfTheToken()
    {
        // SHA-256("abc"), the FIPS 180-2 example.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", InvitationToken.Hash("abc"));
    }

    [Property(MaxTest = 200)]
    public bool Hash_DiffersFromTheTokenAndIsStable(Guid seed)
    {
        var token = InvitationToken.Derive(Key, "acme", seed.ToString("N"));
        var hash = InvitationToken.Hash(token);
        return hash.Length == 64 && !hash.Contains(token, StringComparison.Ordinal) && hash == InvitationToken.Hash(token) &&
               InvitationToken.Hash(token + seed.ToString("N")[..1]) != hash;
    }

    [Fact]
    public void ExpiresAt_DefaultsTo14Days()
    {
        Assert.Equal(T0.AddDays(14), InvitationRules.ExpiresAt(T0));
        Assert.Equal(T0.AddDays(3), InvitationRules.ExpiresAt(T0, 3));
        Assert.Equal(14, InvitationRules.DefaultValidityDays);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(90, true)]
    [InlineData(91, false)]
    public void IsValidityDays_Is1To90(int days, bool valid)
    {
        Assert.Equal(valid, InvitationRules.IsValidityDays(days));
    }

    [Fact]
    public void Status_OpenUntilTheInstantItExpires()
    {
        var expires = T0.AddDays(14);

        Assert.Equal(InvitationStatus.Open, InvitationRules.Status(expires, null, expires.AddTicks(-1)));
        Assert.Equal(InvitationStatus.Expired, InvitationRules.Status(expires, null, expires));
    }

    [Fact]
    public void Status_Answered_StaysAnsweredAfterExpiry()
    {
        Assert.Equal(InvitationStatus.Answered, InvitationRules.Status(T0, T0.AddDays(-1), T0.AddDays(30)));
    }
}
