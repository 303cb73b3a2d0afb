using Crm.Domain.Cases;

namespace Crm.Contracts.Surveys;

/// <summary>
/// What a transactional survey's response carries about its case, so reports can break satisfaction down by how
/// the case went without reading the case again. <see cref="ReopenCount"/> is null where the case does not count
/// its reopenings (the case grain keeps no such count yet).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.case-facts")]
public sealed record CaseFacts(
    [property: Id(0)] string CaseId,
    [property: Id(1)] CaseKind Kind,
    [property: Id(2)] CaseSeverity Severity,
    [property: Id(3)] string Category,
    [property: Id(4)] CaseChannel Channel,
    [property: Id(5)] string? Agent,
    [property: Id(6)] TimeSpan? FirstResponseTime,
    [property: Id(7)] TimeSpan? ResolutionTime,
    [property: Id(8)] bool SlaMet,
    [property: Id(9)] int? ReopenCount,
    [property: Id(10)] DateTimeOffset ResolvedAt);
