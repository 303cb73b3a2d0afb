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
}
