namespace Crm.Contracts.Reports;

/// <summary>One front end's requests and 5xx answers in one UTC minute, as totals (a repeat of the same minute replaces it).</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.traffic-minute")]
public sealed record TrafficMinute(
    [property: Id(0)] DateTimeOffset Minute,
    [property: Id(1)] long Requests,
    [property: Id(2)] long ServerErrors);
