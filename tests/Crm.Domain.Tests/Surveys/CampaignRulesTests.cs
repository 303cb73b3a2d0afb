using Crm.Domain.Surveys;

namespace Crm.Domain.Tests.Surveys;

public sealed class CampaignRulesTests
{
    private static readonly DateOnly Dec1 = new(2026, 12, 1);
    private static readonly string[] Tiers = ["Standard", "Vip"];

    [Fact]
    public void Matches_EveryGivenFactMustMatchIgnoringCase()
    {
        var audience = new CampaignAudience(Segment: "north", Tier: "vip", Tag: "Returns");

        Assert.True(audience.Matches("North", "Vip", ["returns", "x"]));
        Assert.False(audience.Matches("south", "Vip", ["returns"]));
        Assert.False(audience.Matches("north", "Standard", ["returns"]));
        Assert.False(audience.Matches("north", "Vip", ["x"]));
        Assert.False(audience.Matches(null, "Vip", ["returns"]));
    }

    [Fact]
    public void Matches_OnlyATag_IgnoresTheRest()
    {
        Assert.True(new CampaignAudience(Tag: "vip-2026").Matches(null, "Standard", ["VIP-2026"]));
        Assert.True(new CampaignAudience(Tier: "Vip").Matches("any", "vip", []));
        Assert.True(new CampaignAudience(Segment: "a").Matches("A", "Standard", []));
    }

    [Fact]
    public void Validate_AGoodCampaign_HasNoProblems()
    {
        Assert.Empty(CampaignRules.Validate("Q4 VIP", Dec1, Dec1.AddDays(13), new(Tier: "Vip"), Tiers));
        Assert.Empty(CampaignRules.Validate("One day", Dec1, Dec1, new(Tag: "t"), Tiers));
        Assert.Empty(CampaignRules.Validate("Longest", Dec1, Dec1.AddDays(CampaignRules.MaxDays - 1), new(Tag: "t"), Tiers));
    }

    [Fact]
    public void Validate_EveryBadField_IsNamed()
    {
        Assert.Equal(["name", "to", "audience"], CampaignRules.Validate(" ", Dec1, Dec1.AddDays(-1), new(), Tiers).Select(p => p.Field));
        Assert.Equal(["name"], CampaignRules.Validate(new string('x', 121), Dec1, Dec1, new(Tag: "t"), Tiers).Select(p => p.Field));
        Assert.Equal(["to"], CampaignRules.Validate("x", Dec1, Dec1.AddDays(CampaignRules.MaxDays), new(Tag: "t"), Tiers).Select(p => p.Field));
        Assert.Equal(["audience.tier"], CampaignRules.Validate("x", Dec1, Dec1, new(Tier: "gold"), Tiers).Select(p => p.Field));
    }

    [Fact]
    public void ClosesAt_TheEndOfTheLastDayInTheTenantsZone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(8)), CampaignRules.ClosesAt(Dec1, shanghai));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), CampaignRules.ClosesAt(Dec1, TimeZoneInfo.Utc));
    }

    [Fact]
    public void ClosesAt_WhereMidnightRepeats_IsItsFirstOccurrence()
    {
        // Cuba falls back from 01:00 to 00:00 on 1 November 2026: a campaign ending on 31 October closes at the first
        // midnight (04:00 UTC), not the second, an hour into 1 November.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), CampaignRules.ClosesAt(new DateOnly(2026, 10, 31), havana));
    }

    [Fact]
    public void ClosesAt_WhereMidnightIsSkipped_IsTheJump()
    {
        // Chile springs forward at 24:00 on 5 September 2026: the next day starts at 01:00 local, 04:00 UTC.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), CampaignRules.ClosesAt(new DateOnly(2026, 9, 5), santiago));
    }
}
