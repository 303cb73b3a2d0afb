using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

/// <summary>
/// A period's service availability: what the product measured (silo heartbeats per minute, the front end's 5xx
/// share), what the platform posted, and the figure a report uses (posted wins, else measured).
/// </summary>
/// <param name="Version">The posted figure's version (0: none posted), the ETag a PUT's If-Match names.</param>
[GenerateSerializer, Immutable, Alias("crm.reports.period-availability")]
public sealed record PeriodAvailability(
    [property: Id(0)] string Period,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] long MinutesInPeriod,
    [property: Id(4)] long MinutesMeasured,
    [property: Id(5)] long MinutesUp,
    [property: Id(6)] long MinutesDown,
    [property: Id(7)] double? MeasuredPercent,
    [property: Id(8)] long Requests,
    [property: Id(9)] long ServerErrors,
    [property: Id(10)] PostedAvailability? Posted,
    [property: Id(11)] AvailabilitySource Source,
    [property: Id(12)] double? Percent,
    [property: Id(13)] double TargetPercent,
    [property: Id(14)] long Version)
{
    /// <summary>5xx answers over requests; null without requests.</summary>
    public double? ServerErrorShare => Requests == 0 ? null : (double)ServerErrors / Requests;
}
