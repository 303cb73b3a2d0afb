using Azure;
using Azure.Data.Tables;
using Crm.Grains.Search;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// The protected gram index. Gram rows: PartitionKey = tenant + "|" + index + "|" + HMAC(index + ":" + gram) (the
/// first 32 hex digits), RowKey = entity id, no other properties; a gram's candidates are one partition read.
/// Entity rows: PartitionKey = tenant + "|" + index + "|=", RowKey = entity id, <c>Grams</c> = the hashes the entity
/// is indexed under, so that a rename or an erasure can delete rows whose grams the caller no longer knows.
/// </summary>
public sealed class TableSearchIndexStore(TableServiceClient service, LookupHasher hasher) : ISearchIndexStore
{
    /// <summary>Rows of one call written or deleted at once (each is its own partition, so no batch transaction).</summary>
    public const int InFlight = 16;

    private const int HashLength = 32;
    private const string GramsProperty = "Grams";
    private readonly TableClient _table = service.GetTableClient(CrmTables.SearchIndex);

    public async Task SetAsync(string tenantId, SearchIndexKind kind, string entityId, IReadOnlyCollection<string> grams, CancellationToken cancellationToken = default, bool rewrite = false)
    {
        var entityPk = EntityPartition(tenantId, kind);
        var rk = TableKey.Escape(entityId);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(entityPk, rk, [GramsProperty], cancellationToken);
        var old = row.HasValue && row.Value!.GetString(GramsProperty) is { Length: > 0 } stored ? stored.Split(' ') : [];
        var wanted = grams.Select(g => Hash(kind, g)).Distinct(StringComparer.Ordinal).ToArray();
        var stale = old.Except(wanted, StringComparer.Ordinal).ToArray();
        var fresh = rewrite ? wanted : wanted.Except(old, StringComparer.Ordinal).ToArray();
        if (stale.Length == 0 && fresh.Length == 0 && (row.HasValue || wanted.Length == 0))
        {
            return;
        }

        // The entity row first names every hash that may have a row (old and new), so a crash strands none.
        if (fresh.Length > 0)
        {
            await WriteEntityRowAsync(entityPk, rk, old.Union(fresh, StringComparer.Ordinal), cancellationToken);
            await ForEachAsync(fresh, h => _table.UpsertEntityAsync(new TableEntity(GramPartition(tenantId, kind, h), rk), TableUpdateMode.Replace, cancellationToken));
        }

        // A missing row is what removal wants; the SDK reports it as a 404 response, not an exception.
        await ForEachAsync(stale, h => _table.DeleteEntityAsync(GramPartition(tenantId, kind, h), rk, cancellationToken: cancellationToken));
        if (wanted.Length == 0)
        {
            await _table.DeleteEntityAsync(entityPk, rk, cancellationToken: cancellationToken);
        }
        else
        {
            await WriteEntityRowAsync(entityPk, rk, wanted, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<IReadOnlyList<string>>> FindAsync(
        string tenantId, SearchIndexKind kind, IReadOnlyList<string> grams, int maxPerGram, CancellationToken cancellationToken = default)
    {
        var results = new IReadOnlyList<string>[grams.Count];
        await ForEachAsync(Enumerable.Range(0, grams.Count).ToArray(), async i =>
        {
            var pk = GramPartition(tenantId, kind, Hash(kind, grams[i]));
            var ids = new List<string>();
            await foreach (var row in _table.QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: Math.Min(maxPerGram, 1000), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                ids.Add(TableKey.Unescape(row.RowKey));
                if (ids.Count == maxPerGram)
                {
                    break;
                }
            }

            results[i] = ids;
        });
        return results;
    }

    private Task WriteEntityRowAsync(string pk, string rk, IEnumerable<string> hashes, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(pk, rk) { [GramsProperty] = string.Join(' ', hashes) }, TableUpdateMode.Replace, cancellationToken);

    private static async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action)
    {
        foreach (var chunk in items.Chunk(InFlight))
        {
            await Task.WhenAll(chunk.Select(action));
        }
    }

    private string Hash(SearchIndexKind kind, string gram) => hasher.Hash(Tag(kind), gram)[..HashLength];

    private static string Tag(SearchIndexKind kind) => kind switch
    {
        SearchIndexKind.CustomerName => "name",
        SearchIndexKind.CaseText => "case",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static string GramPartition(string tenantId, SearchIndexKind kind, string hash) => TableKey.Escape(tenantId) + "|" + Tag(kind) + "|" + hash;

    private static string EntityPartition(string tenantId, SearchIndexKind kind) => TableKey.Escape(tenantId) + "|" + Tag(kind) + "|=";
}
