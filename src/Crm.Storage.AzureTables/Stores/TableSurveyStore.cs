using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Crm.Contracts.Scoring;
using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Domain.Surveys;
using Crm.Grains.Surveys;
using Crm.Storage.AzureTables.Protection;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// A survey's responses, invitations and tallies, one partition per survey in each table. Comments are free text
/// and are encrypted; ratings, days and case facts stay plain so drill-down filters run in the table service.
/// </summary>
public sealed class TableSurveyStore(TableServiceClient service, PersonalDataProtector protector) : ISurveyResponseStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _responses = service.GetTableClient(CrmTables.SurveyResponses);
    private readonly TableClient _invitations = service.GetTableClient(CrmTables.SurveyInvitations);
    private readonly TableClient _tallies = service.GetTableClient(CrmTables.SurveyTallies);
    private readonly TableClient _outbox = service.GetTableClient(CrmTables.SurveyOutbox);

    /// <summary>UTF-8 bytes of deliveries per outbox row before encryption: one string property holds at most 64 KiB.</summary>
    private const int OutboxPartBytes = 30_000;

    public async Task<(IReadOnlyCollection<string> Responses, IReadOnlyCollection<string> Invitations)> ReadIdsAsync(
        string tenantId, string surveyId, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        return (await KeysAsync(_responses, pk, cancellationToken), await KeysAsync(_invitations, pk, cancellationToken));
    }

    private static async Task<List<string>> KeysAsync(TableClient table, string pk, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(TableKey.Unescape(row.RowKey));
        }

        return ids;
    }

    public Task PutResponsesAsync(string tenantId, string surveyId, IReadOnlyList<(SurveyResponseEvent Response, ResultKey Key)> responses, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        return PartitionBatches.UpsertAsync(_responses, responses.Select(r => ResponseRow(pk, r.Response, r.Key)).ToAsyncEnumerable(), cancellationToken);
    }

    public Task PutInvitationsAsync(string tenantId, string surveyId, IReadOnlyList<InvitationRecord> invitations, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        return PartitionBatches.UpsertAsync(_invitations, invitations.Select(i => InvitationRow(pk, i)).ToAsyncEnumerable(), cancellationToken);
    }

    public async Task<IReadOnlyList<TallyRow>> ReadTalliesAsync(string tenantId, string surveyId, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        var rows = new List<TallyRow>();
        await foreach (var row in _tallies.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var key = JsonSerializer.Deserialize<ResultKeyDto>(row.GetString("Key")!, Json)!;
            var tally = JsonSerializer.Deserialize<TallyDto>(row.GetString("Tally")!, Json)!;
            rows.Add(new TallyRow(key.ToDomain(), tally.ToDomain(), row.GetInt64("AppliedBatch") ?? 0));
        }

        return rows;
    }

    public Task PutTalliesAsync(string tenantId, string surveyId, IReadOnlyList<TallyRow> tallies, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        return PartitionBatches.UpsertAsync(_tallies, tallies.Select(t =>
        {
            var key = JsonSerializer.Serialize(ResultKeyDto.From(t.Key), Json);
            return new TableEntity(pk, TableKey.Escape(key))
            {
                ["Key"] = key,
                ["Tally"] = JsonSerializer.Serialize(TallyDto.From(t.Tally), Json),
                ["AppliedBatch"] = t.AppliedBatch,
            };
        }).ToAsyncEnumerable(), cancellationToken);
    }

    public async Task<(IReadOnlyList<SurveyResponseEvent> Items, string? ContinuationToken)> QueryResponsesAsync(
        string tenantId, string surveyId, ResponseFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        var q = filter.Query;
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {pk}") };
        if (q.From is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Day ge {Day(from)}"));
        }

        if (q.To is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Day le {Day(to)}"));
        }

        if (q.Source is { } source)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Source eq {(int)source}"));
        }

        if (q.Category is { } category)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Category eq {category}"));
        }

        if (q.Channel is { } channel)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Channel eq {(int)channel}"));
        }

        if (q.Agent is { } agent)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Agent eq {agent}"));
        }

        if (filter.Csat is { } csat)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Csat eq {csat}"));
        }

        if (filter.Reason is { } reason)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Reason eq {reason}"));
        }

        var pages = _responses.QueryAsync<TableEntity>(string.Join(" and ", clauses), maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return ([.. page.Values.Select(ToResponse)], page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<(IReadOnlyList<InvitationRecord> Items, string? ContinuationToken)> QueryInvitationsAsync(
        string tenantId, string surveyId, string? campaignId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        var filter = campaignId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {pk}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and CampaignId eq {campaignId}");
        await foreach (var page in _invitations.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(ToInvitation)], page.ContinuationToken);
        }

        return ([], null);
    }

    public Task PutOutboxAsync(string tenantId, string surveyId, SurveyOutboxBatch batch, CancellationToken cancellationToken = default)
    {
        // A batch is one or more rows "number-part" in the survey's partition; each names how many parts make it whole.
        var pk = Partition(tenantId, surveyId);
        var parts = new List<List<SurveyDelivery>>();
        var bytes = 0;
        foreach (var item in batch.Items)
        {
            var size = 300 + Encoding.UTF8.GetByteCount(item.Archive.Entry.Summary) + Encoding.UTF8.GetByteCount(item.Archive.Entry.Detail ?? "") + (item.Webhook is null ? 0 : 1000);
            if (parts.Count == 0 || parts[^1].Count > 0 && bytes + size > OutboxPartBytes)
            {
                parts.Add([]);
                bytes = 0;
            }

            parts[^1].Add(item);
            bytes += size;
        }

        if (parts.Count == 0)
        {
            parts.Add([]);
        }

        return PartitionBatches.UpsertAsync(_outbox, parts.Select((part, i) => new TableEntity(pk, OutboxKey(batch.Number, i))
        {
            ["Number"] = batch.Number,
            ["Parts"] = parts.Count,
            ["Actor"] = batch.Actor,
            ["Items"] = protector.ProtectString(JsonSerializer.Serialize(part, Json)),
        }).ToAsyncEnumerable(), cancellationToken);
    }

    public async Task<IReadOnlyList<SurveyOutboxBatch>> ReadOutboxAsync(string tenantId, string surveyId, int maxBatches, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        var batches = new List<SurveyOutboxBatch>();
        (long Number, int Parts, string Actor, List<SurveyDelivery> Items, int Seen)? open = null;
        await foreach (var row in _outbox.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), maxPerPage: 100, cancellationToken: cancellationToken))
        {
            var number = row.GetInt64("Number") ?? 0;
            if (open is { } o && o.Number != number)
            {
                // A batch with parts missing is being rewritten by its grain right now; stop before it, keeping order.
                break;
            }

            var items = JsonSerializer.Deserialize<List<SurveyDelivery>>(protector.UnprotectString(row.GetString("Items")) ?? "[]", Json) ?? [];
            var current = open ?? (number, row.GetInt32("Parts") ?? 1, row.GetString("Actor") ?? "system", new List<SurveyDelivery>(), 0);
            current.Items.AddRange(items);
            current.Seen++;
            open = current;
            if (current.Seen == current.Parts)
            {
                batches.Add(new SurveyOutboxBatch(current.Number, current.Actor, current.Items));
                open = null;
                if (batches.Count == maxBatches)
                {
                    break;
                }
            }
        }

        return batches;
    }

    public async Task DeleteOutboxAsync(string tenantId, string surveyId, IReadOnlyCollection<long> batchNumbers, CancellationToken cancellationToken = default)
    {
        var pk = Partition(tenantId, surveyId);
        foreach (var number in batchNumbers)
        {
            var low = OutboxKey(number, 0);
            var high = OutboxKey(number + 1, 0);
            await foreach (var row in _outbox.QueryAsync<TableEntity>(
                               TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {high}"), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                // A missing row is what deleting wants; the SDK reports it as a 404 response, not an exception.
                await _outbox.DeleteEntityAsync(pk, row.RowKey, cancellationToken: cancellationToken);
            }
        }
    }

    public async Task RedactCommentsAsync(string tenantId, string customerId, CancellationToken cancellationToken = default)
    {
        // The tenant's survey partitions all start "tenant|": one range query, filtered by customer in the service.
        var low = TenantPartition.Key(tenantId, "");
        var high = low[..^1] + (char)(low[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey lt {high} and CustomerId eq {customerId}");
        await foreach (var row in _responses.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Remove("Comment"))
            {
                // Replace, not merge: a merge cannot remove a property, and the row must not keep the ciphertext.
                await _responses.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
        }
    }

    private static string OutboxKey(long number, int part) => string.Create(CultureInfo.InvariantCulture, $"{number:D19}-{part:D5}");

    private TableEntity ResponseRow(string pk, SurveyResponseEvent r, ResultKey key) => new(pk, TableKey.Escape(r.ResponseId))
    {
        ["Version"] = r.Version,
        ["CustomerId"] = r.CustomerId,
        ["AnsweredAt"] = r.AnsweredAt,
        ["RecordedAt"] = r.RecordedAt,
        ["Day"] = Day(key.Day),
        ["Source"] = (int)r.Source,
        ["InvitationId"] = r.InvitationId,
        ["CampaignId"] = r.CampaignId,
        ["InvitedOn"] = r.InvitedOn is { } on ? Day(on) : null,
        ["Category"] = key.Category,
        ["Channel"] = (int?)key.Channel,
        ["Agent"] = key.Agent,
        ["Csat"] = r.Answers.Csat,
        ["Nps"] = r.Answers.Nps,
        ["Reason"] = r.Answers.Reason,
        ["Dimensions"] = r.Answers.Dimensions is { Count: > 0 } d ? JsonSerializer.Serialize(d, Json) : null,
        ["Comment"] = protector.ProtectString(r.Answers.Comment),
        ["Case"] = r.Case is null ? null : JsonSerializer.Serialize(r.Case, Json),
        // The score is of the comment, not the comment: plain, so drill-downs could filter by it later.
        ["CommentScore"] = r.CommentScore?.Score,
        ["CommentTone"] = r.CommentScore is { } t ? (int)t.Tone : null,
        ["ScoreModel"] = r.CommentScore?.ModelVersion,
        ["ScoreFromModel"] = r.CommentScore?.FromModel,
    };

    private SurveyResponseEvent ToResponse(TableEntity row)
    {
        var (tenantId, surveyId) = FromPartition(row.PartitionKey);
        var dimensions = row.GetString("Dimensions") is { } d
            ? JsonSerializer.Deserialize<Dictionary<string, int>>(d, Json)!.ToImmutableDictionary()
            : ImmutableDictionary<string, int>.Empty;
        return new SurveyResponseEvent(
            tenantId,
            surveyId,
            row.GetInt32("Version") ?? 1,
            TableKey.Unescape(row.RowKey),
            row.GetString("CustomerId") ?? "",
            row.GetDateTimeOffset("AnsweredAt") ?? default,
            (SurveySource)(row.GetInt32("Source") ?? 0),
            new AnswersInput(row.GetInt32("Csat") ?? 0, dimensions, row.GetInt32("Nps"), row.GetString("Reason"), protector.UnprotectString(row.GetString("Comment"))),
            row.GetString("InvitationId"),
            row.GetString("CampaignId"),
            row.GetString("Case") is { } c ? JsonSerializer.Deserialize<CaseFacts>(c, Json) : null,
            row.GetDateTimeOffset("RecordedAt") ?? default,
            row.GetString("InvitedOn") is { } on ? DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            row.GetInt32("CommentScore") is { } score
                ? new CommentScore(score, (CommentTone)(row.GetInt32("CommentTone") ?? (int)CommentTone.Neutral), row.GetString("ScoreModel") ?? "", row.GetBoolean("ScoreFromModel") ?? false)
                : null);
    }

    private static TableEntity InvitationRow(string pk, InvitationRecord i) => new(pk, TableKey.Escape(i.InvitationId))
    {
        ["SurveyId"] = i.SurveyId,
        ["SurveyVersion"] = i.SurveyVersion,
        ["CustomerId"] = i.CustomerId,
        ["Source"] = (int)i.Source,
        ["IssuedAt"] = i.IssuedAt,
        ["ExpiresAt"] = i.ExpiresAt,
        ["CampaignId"] = i.CampaignId,
        ["Case"] = i.Case is null ? null : JsonSerializer.Serialize(i.Case, Json),
        ["TokenHash"] = i.TokenHash,
    };

    private static InvitationRecord ToInvitation(TableEntity row) => new(
        TableKey.Unescape(row.RowKey),
        row.GetString("SurveyId") ?? "",
        row.GetInt32("SurveyVersion") ?? 1,
        row.GetString("CustomerId") ?? "",
        (SurveySource)(row.GetInt32("Source") ?? 0),
        row.GetDateTimeOffset("IssuedAt") ?? default,
        row.GetDateTimeOffset("ExpiresAt") ?? default,
        row.GetString("CampaignId"),
        row.GetString("Case") is { } c ? JsonSerializer.Deserialize<CaseFacts>(c, Json) : null,
        row.GetString("TokenHash") ?? "");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Partition(string tenantId, string surveyId) => TenantPartition.Key(tenantId, TableKey.Escape(surveyId));

    private static (string TenantId, string SurveyId) FromPartition(string pk)
    {
        var bar = pk.IndexOf('|');
        return (TableKey.Unescape(pk[..bar]), TableKey.Unescape(pk[(bar + 1)..]));
    }

    private sealed record ResultKeyDto(string Day, SurveySource Source, string? Category, CaseChannel? Channel, string? Agent)
    {
        public ResultKey ToDomain() => new(DateOnly.ParseExact(Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), Source, Category, Channel, Agent);

        public static ResultKeyDto From(ResultKey k) => new(k.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), k.Source, k.Category, k.Channel, k.Agent);
    }

    private sealed record TallyDto(
        long[] Csat, long[] Nps, Dictionary<string, long[]> Dimensions, Dictionary<string, long> Reasons, long Comments, long Invited, long Answered)
    {
        public SurveyTally ToDomain() => SurveyTally.Empty with
        {
            CsatScores = [.. Csat],
            NpsScores = [.. Nps],
            Dimensions = Dimensions.ToImmutableSortedDictionary(d => d.Key, d => new RatingSum(d.Value[0], d.Value[1], d.Value[2]), StringComparer.Ordinal),
            Reasons = Reasons.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Comments = Comments,
            Invited = Invited,
            InvitationsAnswered = Answered,
        };

        public static TallyDto From(SurveyTally t) => new(
            [.. t.CsatScores], [.. t.NpsScores],
            t.Dimensions.ToDictionary(d => d.Key, d => new[] { d.Value.Count, d.Value.Total, d.Value.Squares }),
            t.Reasons.ToDictionary(), t.Comments, t.Invited, t.InvitationsAnswered);
    }
}
