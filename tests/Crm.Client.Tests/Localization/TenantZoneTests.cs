using Crm.Client.Localization;
using Crm.Domain.Localization;

namespace Crm.Client.Tests.Localization;

public sealed class TenantZoneTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 34, 0, TimeSpan.Zero);

    [Fact]
    public void Format_Chinese_ShowsTheTenantsLocalTimeAndZone()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("2026/12/1 16:34 (UTC+8)", TenantZone.For("Asia/Shanghai").Format(At));
    }

    [Fact]
    public void Format_English_UsesTheEnglishPattern()
    {
        using var _ = new CultureScope(Languages.English);
        Assert.Equal("12/1/2026 4:34 PM (UTC+8)", TenantZone.For("Asia/Shanghai").Format(At).Replace('\u202f', ' '));
    }

    [Fact]
    public void Label_FollowsDaylightSaving()
    {
        var newYork = TenantZone.For("America/New_York");
        Assert.Equal("UTC-5", newYork.Label(At));
        Assert.Equal("UTC-4", newYork.Label(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal("UTC+5:30", TenantZone.For("Asia/Kolkata").Label(At));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus")]
    public void For_UnknownZone_IsUtcAndSaysSo(string? id)
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("2026/12/1 08:34 (UTC)", TenantZone.For(id).Format(At));
    }
}
