using Crm.Domain.Cases;

namespace Crm.Contracts.Cases;

/// <summary>
/// Finds a tenant's cases by order reference (exactly or by its start) and by the words of their subject, keyed by
/// tenant id, over the protected gram index; every hit is confirmed against the case itself.
/// </summary>
public interface ICaseSearchGrain : IGrainWithStringKey
{
    /// <summary>Order-reference matches first, then subjects by the share of the query matched; 2 to 100 characters.</summary>
    Task<CaseSearchPage> SearchAsync(string query, int pageSize, string? continuationToken);
}

/// <summary>One case found: enough to show and open it; <see cref="Score"/> 0-100, 100 for an order reference or a full match.</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.search-hit")]
public sealed record CaseSearchHit(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Subject,
    [property: Id(3)] string? OrderReference,
    [property: Id(4)] CaseStatus Status,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] bool ByOrderReference,
    [property: Id(7)] int Score);

[GenerateSerializer, Immutable, Alias("crm.cases.search-page")]
public sealed record CaseSearchPage(
    [property: Id(0)] ImmutableArray<CaseSearchHit> Items,
    [property: Id(1)] string? ContinuationToken);
