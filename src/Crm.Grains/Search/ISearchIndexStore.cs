namespace Crm.Grains.Search;

/// <summary>Which protected index a gram belongs to; one index's grams never meet another's.</summary>
public enum SearchIndexKind
{
    CustomerName,
    CaseText,
}

/// <summary>
/// A protected gram index (see <c>Crm.Domain.Search.SearchGrams</c>): a row per (tenant, keyed hash of a gram,
/// entity), never the gram itself. Every hit is a candidate only: the caller confirms it against the entity.
/// </summary>
public interface ISearchIndexStore
{
    /// <summary>
    /// Makes <paramref name="grams"/> the entity's only rows in the index (none: the entity is not findable). Safe to
    /// repeat; an interrupted call leaves at worst extra rows, which the next call removes. Unless
    /// <paramref name="rewrite"/>, the entity row is trusted: grams it already lists are not written again.
    /// </summary>
    /// <param name="rewrite">Writes every gram row again, for a backfill repairing rows lost while the entity row stayed.</param>
    Task SetAsync(string tenantId, SearchIndexKind kind, string entityId, IReadOnlyCollection<string> grams, CancellationToken cancellationToken = default, bool rewrite = false);

    /// <summary>For each gram, in order, the ids of at most <paramref name="maxPerGram"/> entities indexed under it.</summary>
    Task<IReadOnlyList<IReadOnlyList<string>>> FindAsync(
        string tenantId, SearchIndexKind kind, IReadOnlyList<string> grams, int maxPerGram, CancellationToken cancellationToken = default);
}
