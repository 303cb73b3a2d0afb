using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Crm.Contracts.Reports;
using Crm.Grains.Reports;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// Scheduled report runs: one partition per tenant, one row per period (row key: the period id). A claim is an
/// insert, which the table refuses when the row exists; taking over a dead claim and completing one are
/// replacements under the row's ETag. Rows hold period ids, times and sizes only: stored plain.
/// </summary>
public sealed class TableReportRunStore(TableServiceClient service) : IReportRunStore
{
    private const string Partition = "runs";
    private const string StateColumn = "State";
    private const string ClaimedAtColumn = "ClaimedAt";
    private const string CompletedAtColumn = "CompletedAt";
    private const string ClaimantColumn = "Claimant";
    private const string LanguageColumn = "Language";
    private const string DocumentsColumn = "Documents";

    private readonly TableClient _table = service.GetTableClient(CrmTables.ReportRuns);

    public async Task<RunClaim> TryClaimAsync(
        string tenantId, string period, string claimant, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(period);
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        var claim = new TableEntity(PartitionKey(tenantId), TableKey.Escape(period))
        {
            [StateColumn] = (int)ReportRunState.Claimed,
            [ClaimedAtColumn] = now,
            [ClaimantColumn] = claimant,
        };
        try
        {
            var added = await _table.AddEntityAsync(claim, cancellationToken);
            return new RunClaim(tenantId, period, RunClaimOutcome.Claimed, now, added.Headers.ETag?.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The period has a row: made already, or someone holds it.
        }

        var existing = (await _table.GetEntityAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken)).Value;
        var claimedAt = existing.GetDateTimeOffset(ClaimedAtColumn) ?? DateTimeOffset.MinValue;
        if (existing.GetInt32(StateColumn) == (int)ReportRunState.Done)
        {
            return new RunClaim(tenantId, period, RunClaimOutcome.Done, claimedAt, null);
        }

        if (existing.GetString(ClaimantColumn) != claimant && now - claimedAt < lease)
        {
            return new RunClaim(tenantId, period, RunClaimOutcome.HeldElsewhere, claimedAt, null);
        }

        try
        {
            var taken = await _table.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return new RunClaim(tenantId, period, RunClaimOutcome.Claimed, now, taken.Headers.ETag?.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            // Another claimant took it over or finished it between our read and our write.
            return new RunClaim(tenantId, period, RunClaimOutcome.HeldElsewhere, claimedAt, null);
        }
    }

    public async Task CompleteAsync(RunClaim claim, ReportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(run);
        if (claim.Outcome != RunClaimOutcome.Claimed || claim.ETag is null)
        {
            throw new ArgumentException("Only a claim this caller holds can be completed.", nameof(claim));
        }

        var done = Done(claim.TenantId, run with { Period = claim.Period, ClaimedAt = claim.ClaimedAt });
        try
        {
            await _table.UpdateEntityAsync(done, new ETag(claim.ETag), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            throw new InconsistentStateException($"The claim of {claim.TenantId} {claim.Period} was taken over before it completed.", ex);
        }
    }

    public async Task RecordAsync(string tenantId, ReportRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _table.UpsertEntityAsync(Done(tenantId, run), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity Done(string tenantId, ReportRun run) => new(PartitionKey(tenantId), TableKey.Escape(run.Period))
    {
        [StateColumn] = (int)ReportRunState.Done,
        [ClaimedAtColumn] = run.ClaimedAt,
        [CompletedAtColumn] = run.CompletedAt,
        [LanguageColumn] = run.Language,
        [DocumentsColumn] = JsonSerializer.Serialize(run.Documents),
    };

    public async Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var pk = PartitionKey(tenantId);
        var runs = new List<ReportRun>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var documents = row.GetString(DocumentsColumn) is { } json
                ? JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? []
                : [];
            runs.Add(new ReportRun(
                TableKey.Unescape(row.RowKey),
                (ReportRunState)(row.GetInt32(StateColumn) ?? 0),
                row.GetDateTimeOffset(ClaimedAtColumn) ?? default,
                row.GetDateTimeOffset(CompletedAtColumn),
                row.GetString(LanguageColumn) ?? "",
                documents.ToImmutableDictionary(StringComparer.Ordinal)));
        }

        return [.. runs.OrderByDescending(r => r.ClaimedAt).ThenBy(r => r.Period, StringComparer.Ordinal)];
    }

    private static string PartitionKey(string tenantId) => TenantPartition.Key(tenantId, Partition);
}
