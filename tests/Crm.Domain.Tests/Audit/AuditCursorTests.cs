using Crm.Domain.Audit;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Audit;

public sealed class AuditCursorTests
{
    [Property]
    public bool Format_ThenTryParse_RoundTripsForItsTenantOnly(DateTime when, ulong random)
    {
        var at = new DateTimeOffset(DateTime.SpecifyKind(when, DateTimeKind.Utc));
        var cursor = new AuditCursor(AuditMonth.Of(at), AuditEntryId.New(at, random));
        var token = cursor.Format("acme");
        return AuditCursor.TryParse(token, "acme", out var parsed) && parsed == cursor
               && !AuditCursor.TryParse(token, "other", out _);
    }

    [Property]
    public bool NewIds_SortNewestFirst(DateTime a, DateTime b, ulong ra, ulong rb)
    {
        var (older, newer) = a <= b ? (a, b) : (b, a);
        if (older == newer)
        {
            return true;
        }

        var olderId = AuditEntryId.New(new DateTimeOffset(DateTime.SpecifyKind(older, DateTimeKind.Utc)), ra);
        var newerId = AuditEntryId.New(new DateTimeOffset(DateTime.SpecifyKind(newer, DateTimeKind.Utc)), rb);
        return string.CompareOrdinal(newerId, olderId) < 0;
    }

    [Theory]
    [InlineData(202601, 202512)]
    [InlineData(202612, 202611)]
    [InlineData(100001, 99912)]
    public void PreviousMonth_CrossesYears(int month, int previous) => Assert.Equal(previous, AuditMonth.Previous(month));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("acme:202611")]
    [InlineData("acme:202611:abc")]
    [InlineData("acme:202600:8584000000000000000-0000000000000000")]
    [InlineData("acme:+20261:8584000000000000000-0000000000000000")]
    [InlineData("acme:202611:8584000000000000000-0000000000000000:x")]
    public void TryParse_Malformed_IsRefused(string? token) => Assert.False(AuditCursor.TryParse(token, "acme", out _));

    [Fact]
    public void Format_IsTenantMonthAndId()
    {
        Assert.Equal("acme:202611:x", new AuditCursor(202611, "x").Format("acme"));
        Assert.Equal("acme:000101:x", new AuditCursor(101, "x").Format("acme"));
    }

    [Fact]
    public void Format_ThenTryParse_RoundTripsInTheFirstYear()
    {
        var id = AuditEntryId.New(DateTimeOffset.MinValue, 1);
        var token = new AuditCursor(AuditMonth.Of(DateTimeOffset.MinValue), id).Format("acme");

        Assert.True(AuditCursor.TryParse(token, "acme", out var cursor));
        Assert.Equal((101, id), (cursor!.Month, cursor.AfterId));
    }

    [Fact]
    public void New_IsInvertedTicksDashAndSixteenHexDigits()
    {
        var at = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

        var id = AuditEntryId.New(at, 0xabc);

        Assert.Equal((long.MaxValue - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "-0000000000000abc", id);
        Assert.True(AuditEntryId.IsValid(id));
        Assert.True(AuditEntryId.TryTimeOf(id, out var back));
        Assert.Equal(at, back);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8584000000000000000")]
    [InlineData("8584000000000000000-0000000000000abc\n")]
    [InlineData("8584000000000000000-0000000000000ABC")]
    [InlineData("8584000000000000000_0000000000000abc")]
    [InlineData("0000000000000000000-0000000000000000")]
    public void IsValid_OtherShapes_AreRefused(string? id) => Assert.False(AuditEntryId.IsValid(id));

    [Theory]
    [InlineData("858400000000000000")]
    [InlineData("858400000000000000x-0")]
    [InlineData("0000000000000000000-0000000000000000")]
    [InlineData("9999999999999999999-0000000000000000")]
    public void TryTimeOf_NoInstantOfOurs_IsFalse(string id) => Assert.False(AuditEntryId.TryTimeOf(id, out _));

    [Fact]
    public void TryTimeOf_TheFirstAndLastInstants_AreTheirOwn()
    {
        Assert.True(AuditEntryId.TryTimeOf(AuditEntryId.New(DateTimeOffset.MinValue, 0), out var first));
        Assert.True(AuditEntryId.TryTimeOf(AuditEntryId.New(DateTimeOffset.MaxValue, 0), out var last));
        Assert.Equal((DateTimeOffset.MinValue, DateTimeOffset.MaxValue), (first, last));
        Assert.True(AuditEntryId.TryTimeOf("8584000000000000000", out _));
    }

    [Theory]
    [InlineData(101, true)]
    [InlineData(99912, true)]
    [InlineData(202611, true)]
    [InlineData(999912, true)]
    [InlineData(12, false)]
    [InlineData(1000001, false)]
    [InlineData(202600, false)]
    [InlineData(202613, false)]
    [InlineData(1, false)]
    [InlineData(-202611, false)]
    public void AuditMonth_IsValid_YearOneToNineThousandNineHundredNinetyNine(int month, bool expected) =>
        Assert.Equal(expected, AuditMonth.IsValid(month));

    [Fact]
    public void AuditMonth_Of_IsTheUtcYearAndMonth() =>
        Assert.Equal(202612, AuditMonth.Of(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.FromHours(-5))));
}
