namespace Crm.Contracts.Reports;

/// <summary>The availability figure the platform posted for one period; <see cref="Version"/> is its ETag.</summary>
[GenerateSerializer, Immutable, Alias("crm.reports.posted-availability")]
public sealed record PostedAvailability(
    [property: Id(0)] double Percent,
    [property: Id(1)] string? Note,
    [property: Id(2)] DateTimeOffset PostedAt,
    [property: Id(3)] string PostedBy,
    [property: Id(4)] long Version);
