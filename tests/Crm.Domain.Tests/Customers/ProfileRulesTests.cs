using Crm.Domain.Customers;

namespace Crm.Domain.Tests.Customers;

public sealed class ProfileRulesTests
{
    private static ProfileInput Valid(params ChannelInput[] channels) =>
        new("  Li Wei  ", channels, " consumer ", ["VIP", " vip ", "Returns"], "PLT-1");

    [Fact]
    public void Normalize_ValidProfile_TrimsLowercasesAndDeduplicates()
    {
        var (profile, problems) = ProfileRules.Normalize(Valid(
            new ChannelInput(ChannelKind.Email, " Li.Wei@Example.COM ", true),
            new ChannelInput(ChannelKind.Phone, "+86 (138) 0013-8000", false),
            new ChannelInput(ChannelKind.Email, "li.wei@example.com", false)));

        Assert.Empty(problems);
        Assert.Equal("Li Wei", profile!.DisplayName);
        Assert.Equal("consumer", profile.Segment);
        Assert.Equal(["vip", "returns"], profile.Tags);
        Assert.Equal(2, profile.Channels.Count);
        Assert.Equal("li.wei@example.com", profile.Channels[0].Value);
        Assert.Equal("+8613800138000", profile.Channels[1].Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Normalize_MissingName_NamesTheField(string? name)
    {
        var (profile, problems) = ProfileRules.Normalize(new ProfileInput(name, null, null, null, null));

        Assert.Null(profile);
        Assert.Equal("displayName", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_NameTooLong_IsRefused()
    {
        var (_, problems) = ProfileRules.Normalize(new ProfileInput(new string('x', ProfileRules.MaxNameLength + 1), null, null, null, null));

        Assert.Equal("displayName", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two words@example.com")]
    [InlineData("Name <a@example.com>")]
    public void Normalize_BadEmail_NamesTheChannelValue(string email)
    {
        var (_, problems) = ProfileRules.Normalize(Valid(new ChannelInput(ChannelKind.Email, email, false)));

        Assert.Equal("channels[0].value", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("call me")]
    [InlineData("1234567890123456")]
    [InlineData("12+345678")]
    public void Normalize_BadPhone_NamesTheChannelValue(string phone)
    {
        var (_, problems) = ProfileRules.Normalize(Valid(new ChannelInput(ChannelKind.Phone, phone, false)));

        Assert.Equal("channels[0].value", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_TwoPreferredChannels_IsRefused()
    {
        var (_, problems) = ProfileRules.Normalize(Valid(
            new ChannelInput(ChannelKind.Email, "a@example.com", true),
            new ChannelInput(ChannelKind.Phone, "13800138000", true)));

        Assert.Equal("channels", Assert.Single(problems).Field);
    }

    [Fact]
    public void Normalize_TooManyTagsAndEmptyTag_ReportsEach()
    {
        var tags = Enumerable.Range(0, ProfileRules.MaxTags + 1).Select(i => (string?)$"t{i}").Append(" ").ToList();

        var (_, problems) = ProfileRules.Normalize(new ProfileInput("A", null, null, tags, null));

        Assert.Contains(problems, p => p.Field == "tags");
        Assert.Contains(problems, p => p.Field == $"tags[{ProfileRules.MaxTags + 1}]");
    }

    [Fact]
    public void Normalize_ControlCharactersInName_AreStripped()
    {
        var (profile, problems) = ProfileRules.Normalize(new ProfileInput("Li\u0000 Wei\u0007", null, null, null, null));

        Assert.Empty(problems);
        Assert.Equal("Li Wei", profile!.DisplayName);
    }

    [Fact]
    public void Normalize_SeveralBadFields_ReportsAllAtOnce()
    {
        var (_, problems) = ProfileRules.Normalize(new ProfileInput(
            "", [new ChannelInput(ChannelKind.Email, "x", false)], new string('s', 61), null, new string('r', 101)));

        Assert.Equal(["displayName", "channels[0].value", "segment", "externalRef"], problems.Select(p => p.Field));
    }
}
