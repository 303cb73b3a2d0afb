using Microsoft.Extensions.DependencyInjection;
using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Crm.Storage.AzureTables;

namespace Crm.Grains.Tests.Surveys;

[Collection(ClusterCollection.Name)]
public sealed class SurveyResultsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Record_CountsEachResponseOnce_HoweverOftenItIsSent()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var batch = Enumerable.Range(0, 40).Select(i => SurveyDesk.Response($"r{i}", desk.CustomerIds[i % 2], i < 30 ? 5 : 2, nps: i < 20 ? 10 : 3)).ToImmutableArray();

        var first = await desk.Results().RecordAsync(batch, dryRun: false, "platform");
        var again = await desk.Results().RecordAsync(batch, dryRun: false, "platform");
        var results = await desk.Results().GetResultsAsync(new SurveyResultsQuery());

        Assert.Equal(new RecordOutcome(40, 0), first);
        Assert.Equal(new RecordOutcome(0, 40), again);
        var row = Assert.Single(results.Rows);
        Assert.Equal(40, row.Responses);
        Assert.Equal(0.75, row.Csat.Value);
        Assert.Equal(SurveyStatistics.Wilson(30, 40).Low, row.Csat.Low);
        Assert.Equal(0, row.Nps.Value!.Value, 10);
        Assert.Equal(40, await desk.Results().CountAsync());
    }

    [Fact]
    public async Task Record_OneBadRow_NothingWrittenAndEveryBadFieldNamed()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var batch = ImmutableArray.Create(
            SurveyDesk.Response("ok-1", desk.CustomerIds[0], 5),
            SurveyDesk.Response("bad-1", desk.CustomerIds[0], 7),
            SurveyDesk.Response("bad-2", "nobody", 4),
            SurveyDesk.Response("bad 3", desk.CustomerIds[0], 1, reason: "weather"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Results().RecordAsync(batch, dryRun: false, "platform"));

        Assert.Equal(
            ["responses[1].answers.csat", "responses[1].answers.dimensions.response-speed", "responses[2].customerId", "responses[3].responseId", "responses[3].answers.reason"],
            ex.Errors.Select(e => e.Field));
        Assert.Equal(0, await desk.Results().CountAsync());
        Assert.Equal(0, Assert.Single((await desk.Results().GetResultsAsync(new())).Rows).Responses);
        Assert.Empty(await RowsAsync(CrmTables.SurveyResponses, desk.TenantId));
    }

    [Fact]
    public async Task Record_DryRun_ChecksAndCountsButWritesNothing()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);

        var outcome = await desk.Results().RecordAsync([SurveyDesk.Response("r1", desk.CustomerIds[0], 4)], dryRun: true, "platform");

        Assert.Equal(new RecordOutcome(1, 0), outcome);
        Assert.Equal(0, await desk.Results().CountAsync());
        Assert.Empty(await RowsAsync(CrmTables.SurveyResponses, desk.TenantId));
    }

    [Fact]
    public async Task Record_PutsEachResponseInTheCustomersArchiveOnce_WithTheCommentEncrypted()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var response = SurveyDesk.Response("r1", desk.CustomerIds[0], 2, comment: "快递太慢了，等了五天", reason: "delivery");

        await desk.Results().RecordAsync([response], dryRun: false, "platform");
        await desk.Results().RecordAsync([response], dryRun: false, "platform");
        await desk.DeliveredAsync();
        var archive = await desk.Customer().GetArchiveAsync(20, null);
        var rows = await RowsAsync(CrmTables.SurveyResponses, desk.TenantId);

        var entry = Assert.Single(archive.Entries, e => e.Kind == ArchiveEntryKind.Survey);
        Assert.Equal("r1", entry.ReferenceId);
        Assert.Contains("CSAT 2/5", entry.Summary);
        Assert.Equal("快递太慢了，等了五天", entry.Detail);
        var row = Assert.Single(rows);
        Assert.DoesNotContain("快递", row.GetString("Comment"));
        Assert.Equal(2, row.GetInt32("Csat"));
    }

    [Fact]
    public async Task Record_ArchiveDown_CountedAtOnce_AndEntriesArriveOnceWhenItHeals()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var batch = ImmutableArray.Create(
            SurveyDesk.Response("r1", desk.CustomerIds[0], 5), SurveyDesk.Response("r2", desk.CustomerIds[0], 1), SurveyDesk.Response("r3", desk.CustomerIds[1], 4));
        fixture.Archive.FailPuts(desk.TenantId);
        try
        {
            // Recording does not wait for the customers' archives: the batch is counted though they are down.
            Assert.Equal(new RecordOutcome(3, 0), await desk.Results().RecordAsync(batch, dryRun: false, "platform"));
            Assert.Equal(3, Assert.Single((await desk.Results().GetResultsAsync(new())).Rows).Responses);
            await desk.Results().SettleAsync();
            Assert.Equal(1, await desk.Delivery().PendingAsync());
            Assert.DoesNotContain((await desk.Customer().GetArchiveAsync(20, null)).Entries, e => e.Kind == ArchiveEntryKind.Survey);
        }
        finally
        {
            fixture.Archive.Heal(desk.TenantId);
        }

        await desk.DeliveredAsync();
        await desk.Results().RecordAsync(batch, dryRun: false, "platform");
        await desk.DeliveredAsync();

        Assert.Equal(["r1", "r2"], (await desk.Customer().GetArchiveAsync(20, null)).Entries.Where(e => e.Kind == ArchiveEntryKind.Survey).Select(e => e.ReferenceId).Order());
        Assert.Equal("r3", Assert.Single((await desk.Customer(desk.CustomerIds[1]).GetArchiveAsync(20, null)).Entries, e => e.Kind == ArchiveEntryKind.Survey).ReferenceId);
        Assert.Equal(0, await desk.Delivery().PendingAsync());
    }

    [Fact]
    public async Task Results_SurviveARestartOfEverySilo()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync([.. Enumerable.Range(0, 35).Select(i => SurveyDesk.Response($"r{i}", desk.CustomerIds[0], 4))], dryRun: false, "platform");

        await fixture.RestartClusterAsync();
        desk = new SurveyDesk(fixture.Client, desk.TenantId, desk.CustomerIds);
        var again = await desk.Results().RecordAsync([SurveyDesk.Response("r0", desk.CustomerIds[0], 4)], dryRun: false, "platform");
        var row = Assert.Single((await desk.Results().GetResultsAsync(new())).Rows);

        Assert.Equal(new RecordOutcome(0, 1), again);
        Assert.Equal(35, row.Responses);
        Assert.Equal(1.0, row.Csat.Value);
        Assert.Equal(4.0, row.Dimensions["response-speed"].Value);
    }

    [Fact]
    public async Task ListResponses_FiltersByCsat()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Results().RecordAsync([SurveyDesk.Response("a", desk.CustomerIds[0], 1), SurveyDesk.Response("b", desk.CustomerIds[1], 5)], dryRun: false, "platform");

        var low = await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery(), Csat: 1), 10, null);

        Assert.Equal("a", Assert.Single(low.Items).ResponseId);
    }

    [Fact]
    public async Task Record_ABatchLargerThanAChunk_IsCountedWhole()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var batch = Enumerable.Range(0, SurveyResultsGrainChunk + 7).Select(i => SurveyDesk.Response($"r{i}", desk.CustomerIds[i % 2], 1 + i % 5)).ToImmutableArray();

        var outcome = await desk.Results().RecordAsync(batch, dryRun: false, "platform");

        Assert.Equal(batch.Length, outcome.Added);
        Assert.Equal(batch.Length, await desk.Results().CountAsync());
        Assert.Equal(batch.Length, await desk.Results().SettleAsync());
        Assert.Equal(batch.Length, (await RowsAsync(CrmTables.SurveyResponses, desk.TenantId)).Count);
    }

    private const int SurveyResultsGrainChunk = Crm.Grains.Surveys.SurveyResultsGrain.ChunkSize;

    [Fact]
    public async Task Record_ScoresEachCommentWithTheTenantsScorer_AndStoresTheScoreWithTheResponse()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        const string comment = "快递太慢了，等了五天，客服也不回复，太失望了";
        var scoring = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<Crm.Grains.Scoring.ICommentScoring>();
        var expected = scoring.Score(desk.TenantId, comment);

        await desk.Results().RecordAsync(
            [SurveyDesk.Response("with-comment", desk.CustomerIds[0], 1, comment: comment), SurveyDesk.Response("no-comment", desk.CustomerIds[1], 5)],
            dryRun: false, "platform");
        var page = await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery()), 10, null);
        var raw = await RowsAsync(CrmTables.SurveyResponses, desk.TenantId);

        var scored = Assert.Single(page.Items, r => r.ResponseId == "with-comment");
        Assert.Equal(expected, scored.CommentScore);
        Assert.Equal(Crm.Contracts.Scoring.CommentTone.Dissatisfied, scored.CommentScore!.Tone);
        Assert.False(string.IsNullOrEmpty(scored.CommentScore.ModelVersion));
        Assert.Null(Assert.Single(page.Items, r => r.ResponseId == "no-comment").CommentScore);
        Assert.Equal(expected.Score, Assert.Single(raw, r => r.RowKey == "with-comment").GetInt32("CommentScore"));
    }

    [Fact]
    public async Task ErasingACustomer_RemovesTheirCommentsFromEveryRawResponseRow_KeepsTheRatingsAndOthersComments()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await desk.Survey("other").CreateAsync(new SurveyDraft("Other", SurveyContent.Default()), "analyst");
        await desk.Results().RecordAsync(
            [SurveyDesk.Response("mine", desk.CustomerIds[0], 2, comment: "我的手机号 13800138000，快递太慢"), SurveyDesk.Response("theirs", desk.CustomerIds[1], 4, comment: "还不错")],
            dryRun: false, "platform");
        await desk.Results("other").RecordAsync([SurveyDesk.Response("mine-too", desk.CustomerIds[0], 1, comment: "再也不买了")], dryRun: false, "platform");

        await desk.Customer().ErasePersonalDataAsync("dpo");
        var rows = await RowsAsync(CrmTables.SurveyResponses, desk.TenantId);
        var page = await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery()), 10, null);

        Assert.Equal(3, rows.Count);
        Assert.All(rows.Where(r => r.GetString("CustomerId") == desk.CustomerIds[0]), r => Assert.False(r.ContainsKey("Comment")));
        Assert.Equal(2, rows.Count(r => r.GetString("CustomerId") == desk.CustomerIds[0]));
        Assert.True(Assert.Single(rows, r => r.RowKey == "theirs").ContainsKey("Comment"));
        var mine = Assert.Single(page.Items, r => r.ResponseId == "mine");
        Assert.Null(mine.Answers.Comment);
        Assert.Equal(2, mine.Answers.Csat);
        Assert.Equal("还不错", Assert.Single(page.Items, r => r.ResponseId == "theirs").Answers.Comment);
    }

    [Fact]
    public async Task Outbox_LeftByARestart_IsDeliveredByTheReminder_WithoutTheSurveyBeingUsedAgain()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        fixture.Archive.FailPuts(desk.TenantId);
        await desk.Results().RecordAsync([SurveyDesk.Response("r1", desk.CustomerIds[0], 5)], dryRun: false, "platform");
        await desk.Results().SettleAsync();
        Assert.Equal(1, await desk.Delivery().PendingAsync());

        // The archive fails until every silo stops (the new silo's store is healthy); afterwards only the customer's
        // archive is read, so nothing but the reminder can activate the survey's grains again.
        await fixture.RestartClusterAsync();
        desk = new SurveyDesk(fixture.Client, desk.TenantId, desk.CustomerIds);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(4);
        while (DateTimeOffset.UtcNow < deadline
               && !(await desk.Customer().GetArchiveAsync(20, null)).Entries.Any(e => e.Kind == ArchiveEntryKind.Survey))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.Equal("r1", Assert.Single((await desk.Customer().GetArchiveAsync(20, null)).Entries, e => e.Kind == ArchiveEntryKind.Survey).ReferenceId);
        Assert.Equal(0, await desk.Delivery().PendingAsync());
    }

    [Fact]
    public async Task Record_AnswersOnceQueued_AndABatchACrashLeftHalfApplied_IsCountedOnceByTheNextActivation()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        var batch = Enumerable.Range(0, 150).Select(i => SurveyDesk.Response($"q{i}", desk.CustomerIds[i % 2], i < 120 ? 5 : 1)).ToImmutableArray();
        fixture.Surveys.FailTallies(desk.TenantId);

        // Accepted and answered before any row is written: the results already count the queued batches.
        Assert.Equal(new RecordOutcome(150, 0), await desk.Results().RecordAsync(batch, dryRun: false, "platform"));
        Assert.Equal(150, await desk.Results().CountAsync());
        Assert.Equal(150, Assert.Single((await desk.Results().GetResultsAsync(new())).Rows).Responses);

        // The first batch's rows are written, its tallies fail: then every silo stops (the new silo's store is healthy).
        await WaitForAsync(async () => (await RowsAsync(CrmTables.SurveyResponses, desk.TenantId)).Count >= 100);
        await fixture.RestartClusterAsync();
        desk = new SurveyDesk(fixture.Client, desk.TenantId, desk.CustomerIds);

        Assert.Equal(new RecordOutcome(0, 150), await desk.Results().RecordAsync(batch, dryRun: false, "platform"));
        // Listing applies what is queued first.
        var listed = await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery()), 100, null);
        var row = Assert.Single((await desk.Results().GetResultsAsync(new())).Rows);
        await desk.DeliveredAsync();

        Assert.Equal(100, listed.Items.Length);
        Assert.Equal(150, row.Responses);
        Assert.Equal(0.8, row.Csat.Value);
        Assert.Equal(150, await desk.Results().CountAsync());
        Assert.Equal(150, (await RowsAsync(CrmTables.SurveyResponses, desk.TenantId)).Count);
        var archived = (await desk.Customer().GetArchiveAsync(100, null)).Entries.Where(e => e.Kind == ArchiveEntryKind.Survey).Select(e => e.ReferenceId).ToList();
        Assert.Equal(75, archived.Count);
        Assert.Equal(75, archived.Distinct().Count());
    }

    [Fact]
    public async Task Record_QueueFull_AsksTheCallerToComeBack_ThenTheSameRequestIsRecordedOnce()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        fixture.Surveys.FailResponses(desk.TenantId);
        var full = Enumerable.Range(0, Crm.Grains.Surveys.SurveyResultsGrain.MaxQueuedResponses).Select(i => SurveyDesk.Response($"f{i}", desk.CustomerIds[0], 4)).ToImmutableArray();
        ImmutableArray<ResponseInput> more = [SurveyDesk.Response("one-more", desk.CustomerIds[1], 2)];
        try
        {
            await desk.Results().RecordAsync(full, dryRun: false, "platform");
            var busy = await Assert.ThrowsAsync<BusyException>(() => desk.Results().RecordAsync(more, dryRun: false, "platform"));
            Assert.Equal(Crm.Grains.Surveys.SurveyResultsGrain.BusyRetrySeconds, busy.RetryAfterSeconds);
            Assert.Equal(full.Length, await desk.Results().CountAsync());
        }
        finally
        {
            fixture.Surveys.Heal(desk.TenantId);
        }

        RecordOutcome? outcome = null;
        await WaitForAsync(async () =>
        {
            try
            {
                outcome = await desk.Results().RecordAsync(more, dryRun: false, "platform");
                return true;
            }
            catch (BusyException)
            {
                return false;
            }
        });

        Assert.Equal(new RecordOutcome(1, 0), outcome);
        Assert.Equal(full.Length + 1, Assert.Single((await desk.Results().GetResultsAsync(new())).Rows).Responses);
        await desk.Results().ListResponsesAsync(new ResponseFilter(new SurveyResultsQuery()), 1, null);
        Assert.Equal(full.Length + 1, (await RowsAsync(CrmTables.SurveyResponses, desk.TenantId)).Count);
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not done within {seconds} s.");
            }

            await Task.Delay(200);
        }
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> RowsAsync(string table, string tenantId)
    {
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in fixture.Tables.GetTableClient(table).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (row.PartitionKey.StartsWith(tenantId + "|", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
