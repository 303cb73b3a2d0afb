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

    private static IEnumerable<(string, string)> Problems(ProfileInput input) =>
        ProfileRules.Normalize(input).Problems.Select(p => (p.Field, p.Message));

    private static ProfileInput Named(string name = "Li Wei") => new(name, null, null, null, null);

    [Fact]
    public void Normalize_FieldsAtTheirLimits_AreAccepted()
    {
        var (profile, problems) = ProfileRules.Normalize(new ProfileInput(
            new string('n', ProfileRules.MaxNameLength),
            Enumerable.Range(0, ProfileRules.MaxChannels).Select(i => new ChannelInput(ChannelKind.Chat, $"wx-{i}", false)).ToList(),
            new string('s', ProfileRules.MaxSegmentLength),
            Enumerable.Range(0, ProfileRules.MaxTags - 1).Select(i => (string?)$"t{i}").Append(new string('t', ProfileRules.MaxTagLength)).ToList(),
            new string('r', ProfileRules.MaxExternalRefLength)));

        Assert.Empty(problems);
        Assert.Equal(ProfileRules.MaxChannels, profile!.Channels.Count);
        Assert.Equal(ProfileRules.MaxTags, profile.Tags.Count);
        Assert.Equal((200, 10, 320, 20, 40, 60, 100), (ProfileRules.MaxNameLength, ProfileRules.MaxChannels, ProfileRules.MaxChannelValueLength,
            ProfileRules.MaxTags, ProfileRules.MaxTagLength, ProfileRules.MaxSegmentLength, ProfileRules.MaxExternalRefLength));
    }

    [Fact]
    public void Normalize_EachFieldOneOverItsLimit_SaysTheLimit() =>
        Assert.Equal(
            [
                ("displayName", "At most 200 characters."),
                ("tags[0]", "At most 40 characters."),
                ("segment", "At most 60 characters."),
                ("externalRef", "At most 100 characters."),
            ],
            Problems(new ProfileInput(new string('n', 201), null, new string('s', 61), [new string('t', 41)], new string('r', 101))));

    [Fact]
    public void Normalize_MissingName_SaysItIsRequired() =>
        Assert.Equal([("displayName", "A display name is required.")], Problems(Named(" ")));

    [Fact]
    public void Normalize_NameOfControlCharactersOnly_IsMissing() =>
        Assert.Equal([("displayName", "A display name is required.")], Problems(Named("\u0000\u0007")));

    [Fact]
    public void Normalize_LineBreaksAndTabsBesideAControlCharacter_AreKept() =>
        Assert.Equal("Li\r\n\tWei", ProfileRules.Normalize(Named("Li\u0000\r\n\tWei")).Profile!.DisplayName);

    [Fact]
    public void Normalize_TooManyChannels_RefusesThemAll()
    {
        var channels = Enumerable.Range(0, 11).Select(i => new ChannelInput(ChannelKind.Chat, $"wx-{i}", false)).ToList();

        Assert.Equal([("channels", "At most 10 contact channels.")], Problems(new ProfileInput("A", channels, null, null, null)));
    }

    [Fact]
    public void Normalize_BadChannels_NameEachAndCheckTheRest() =>
        Assert.Equal(
            [
                ("channels[0]", "A contact channel cannot be null."),
                ("channels[1].kind", "Unknown channel kind."),
                ("channels[2].value", "A value is required."),
                ("channels[3].value", "At most 320 characters."),
                ("channels[4].value", "Not a valid email address."),
                ("channels[5].value", "A phone number has 5 to 15 digits, optionally with a leading '+', spaces, dashes, dots or parentheses."),
            ],
            Problems(new ProfileInput("A",
                [
                    null!,
                    new ChannelInput((ChannelKind)9, "x", false),
                    new ChannelInput(ChannelKind.Chat, " ", false),
                    new ChannelInput(ChannelKind.Chat, new string('c', 321), false),
                    new ChannelInput(ChannelKind.Email, "nope", false),
                    new ChannelInput(ChannelKind.Phone, "nope", false),
                ],
                null, null, null)));

    [Fact]
    public void Normalize_LongestChannelValue_IsAccepted() =>
        Assert.Empty(Problems(new ProfileInput("A", [new ChannelInput(ChannelKind.PostalAddress, new string('c', 320), false)], null, null, null)));

    [Fact]
    public void Normalize_RefusedKindOrLength_AreNotCheckedFurtherNorCountAsPreferred() =>
        Assert.Equal(
            [("channels[0].value", "At most 320 characters."), ("channels[1].kind", "Unknown channel kind.")],
            Problems(new ProfileInput("A",
                [
                    new ChannelInput(ChannelKind.Email, new string('e', 321) + "@example.com", true),
                    new ChannelInput((ChannelKind)9, "x", true),
                    new ChannelInput(ChannelKind.Phone, "13800138000", true),
                ],
                null, null, null)));

    [Fact]
    public void Normalize_RefusedChannelThatWasPreferred_DoesNotCountAsPreferred() =>
        Assert.Equal(
            [("channels[0].value", "Not a valid email address.")],
            Problems(new ProfileInput("A",
                [new ChannelInput(ChannelKind.Email, "nope", true), new ChannelInput(ChannelKind.Phone, "13800138000", true)], null, null, null)));

    [Fact]
    public void Normalize_TwoPreferredChannels_SaysOnlyOne() =>
        Assert.Equal(
            [("channels", "At most one contact channel can be preferred.")],
            Problems(new ProfileInput("A",
                [new ChannelInput(ChannelKind.Email, "a@example.com", true), new ChannelInput(ChannelKind.Chat, "wx", true)], null, null, null)));

    [Fact]
    public void Normalize_SameValueOnTwoKinds_KeepsBoth()
    {
        var (profile, _) = ProfileRules.Normalize(new ProfileInput("A",
            [new ChannelInput(ChannelKind.Phone, "13800138000", false), new ChannelInput(ChannelKind.Chat, "13800138000", false)], null, null, null));

        Assert.Equal([ChannelKind.Phone, ChannelKind.Chat], profile!.Channels.Select(c => c.Kind));
    }

    [Fact]
    public void Normalize_BlankTagAndTooManyTags_SayWhy() =>
        Assert.Equal(
            [("tags[0]", "A tag cannot be empty."), ("tags", "At most 20 tags.")],
            Problems(new ProfileInput("A", null, null, [" ", .. Enumerable.Range(0, 21).Select(i => (string?)$"t{i}")], null)));

    [Theory]
    [InlineData("1234", null)]
    [InlineData("12345", "12345")]
    [InlineData("+1234", null)]
    [InlineData("+12345", "+12345")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("+123456789012345", "+123456789012345")]
    [InlineData("1234567890123456", null)]
    [InlineData("() -", null)]
    [InlineData("1.380.013.8000", "13800138000")]
    public void NormalizePhone_FiveToFifteenDigits_APlusNotCounted(string value, string? expected) =>
        Assert.Equal(expected, ProfileRules.NormalizePhone(value));

    [Theory]
    [InlineData(" Li.Wei@Example.COM ", "li.wei@example.com")]
    [InlineData("a@b.cn", "a@b.cn")]
    [InlineData("a@.example.com", null)]
    [InlineData("a@example.", null)]
    [InlineData("a@example", null)]
    [InlineData("@example.com", null)]
    public void NormalizeEmail_NeedsALocalPartAndADottedDomain(string value, string? expected) =>
        Assert.Equal(expected, ProfileRules.NormalizeEmail(value));
}
