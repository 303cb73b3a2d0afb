using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Scoring;
using Crm.Contracts.Surveys;
using Crm.Grains.Scoring;
using Crm.Grains.Tests.Surveys;
using Crm.Scoring;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Grains.Tests.Scoring;

/// <summary>
/// Training as an operation on a real cluster and Azurite: off the request (the job is polled), refused below the
/// minimum with how many more labels are needed, from survey responses or an uploaded file, one at a time, activate
/// and roll back, and scheduled retraining that activates only a model not worse than the active one.
/// The test cluster's minimum is 20 labels, 8 of each (see <see cref="ClusterFixture"/>).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TenantModelGrainTests(ClusterFixture fixture)
{
    private ITenantModelGrain Models(string tenant) => fixture.Client.GetGrain<ITenantModelGrain>(ModelKey.Format(tenant, ModelKey.CommentSentiment));

    [Fact]
    public async Task StartTraining_TooFewLabelledResponses_IsRefusedSayingHowManyMore()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        // 3 satisfied with comments, 2 dissatisfied, and rows that label nothing: CSAT 3, and no comment.
        await RecordAsync(desk, Reviews.Satisfied.Take(3).Select(t => (5, (string?)t)).Concat(Reviews.Dissatisfied.Take(2).Select(t => (1, (string?)t)))
            .Append((3, "还行吧")).Append((1, null)));

        var job = await FinishedAsync(desk.TenantId, await Models(desk.TenantId).StartTrainingAsync("analyst-1"));

        Assert.Equal(TrainingJobStatus.Refused, job.Status);
        Assert.Equal((15, 5, 6), (job.MoreLabels, job.MoreSatisfied, job.MoreDissatisfied));
        Assert.Contains("5 (3 satisfied, 2 dissatisfied)", job.Message, StringComparison.Ordinal);
        Assert.Empty((await Models(desk.TenantId).ListAsync()).Versions);
    }

    [Fact]
    public async Task StartTraining_EnoughSurveyResponses_StoresAVersionWithHeldOutMetricsButDoesNotActivateIt()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await RecordAsync(desk, Reviews.Satisfied.Select(t => (4, (string?)t)).Concat(Reviews.Dissatisfied.Select(t => (2, (string?)t))).Append((3, "一般")));

        var started = await Models(desk.TenantId).StartTrainingAsync("analyst-1");
        Assert.Equal(TrainingJobStatus.Running, started.Status);
        var job = await FinishedAsync(desk.TenantId, started);

        Assert.Equal(TrainingJobStatus.Succeeded, job.Status);
        Assert.Equal(1, job.Version);
        Assert.False(job.Activated);
        var list = await Models(desk.TenantId).ListAsync();
        var v1 = Assert.Single(list.Versions);
        Assert.Equal((24, 12, "analyst-1", "survey responses"), (v1.Rows, v1.SatisfiedRows, v1.CreatedBy, v1.DataSource));
        Assert.Equal(6, v1.Metrics!.HeldOutRows); // stratified fifths: each label of 12 deals 3 rows to the held-out fold
        Assert.NotNull(v1.DataFrom);
        Assert.Null(list.ActiveVersion);
        Assert.False(v1.Active);
    }

    [Fact]
    public async Task StartTrainingFromCsv_ThenActivateAndRollBack_ListAndServingFollow()
    {
        var tenant = NewTenant();
        var models = Models(tenant);
        var first = await FinishedAsync(tenant, await models.StartTrainingFromCsvAsync(Reviews.Csv(), "text", "label", "admin-1"));
        var second = await FinishedAsync(tenant, await models.StartTrainingFromCsvAsync(Reviews.Csv(), "text", "label", "admin-1"));
        Assert.Equal((TrainingJobStatus.Succeeded, TrainingSource.UploadedFile), (first.Status, first.Source));

        await Assert.ThrowsAsync<ConflictException>(() => models.RollBackAsync("admin-1"));
        await models.ActivateAsync(first.Version!.Value, "admin-1");
        var afterActivate = await models.ActivateAsync(second.Version!.Value, "admin-1");
        Assert.Equal(second.Version, afterActivate.ActiveVersion);
        Assert.Equal([true, false], afterActivate.Versions.Select(v => v.Active));
        var scoring = fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<ICommentScoring>();
        await ServedAsync(scoring, tenant, $"{ScoringNames.CommentSentiment}/v2");

        var back = await models.RollBackAsync("admin-1");

        Assert.Equal(first.Version, back.ActiveVersion);
        await ServedAsync(scoring, tenant, $"{ScoringNames.CommentSentiment}/v1");
        await Assert.ThrowsAsync<NotFoundException>(() => models.ActivateAsync(9, "admin-1"));
    }

    [Fact]
    public async Task StartTrainingFromCsv_BadLabel_IsRefusedNamingTheRowAndField()
    {
        var tenant = NewTenant();

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Models(tenant).StartTrainingFromCsvAsync("text,label\n很好,1\n很差,maybe\n", "text", "label", "admin-1"));

        var error = Assert.Single(refused.Errors);
        Assert.Equal("file", error.Field);
        Assert.Contains("row 3, field 'label'", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Models(tenant).ListAsync()).Versions);
    }

    [Fact]
    public async Task StartTraining_WhileAnotherRuns_IsAConflict()
    {
        var tenant = NewTenant();
        var models = Models(tenant);
        var running = await models.StartTrainingFromCsvAsync(Reviews.Csv(), "text", "label", "admin-1");

        await Assert.ThrowsAsync<ConflictException>(() => models.StartTrainingFromCsvAsync(Reviews.Csv(), "text", "label", "admin-1"));

        await FinishedAsync(tenant, running);
    }

    [Fact]
    public async Task RetrainIfDue_Weekly_TrainsOnceAndActivatesOnlyWhatIsNotWorse()
    {
        var desk = await SurveyDesk.CreateAsync(fixture.Client);
        await RecordAsync(desk, Reviews.Satisfied.Select(t => (5, (string?)t)).Concat(Reviews.Dissatisfied.Select(t => (1, (string?)t))));
        var models = Models(desk.TenantId);
        Assert.Null(await models.RetrainIfDueAsync()); // off

        await models.SetRetrainingAsync(RetrainingSchedule.Weekly, "admin-1");
        var first = await FinishedAsync(desk.TenantId, (await models.RetrainIfDueAsync())!);
        Assert.Null(await models.RetrainIfDueAsync()); // not due again for a week

        Assert.True(first.Scheduled);
        Assert.True(first.Activated); // no model was active
        var list = await models.ListAsync();
        Assert.Equal((first.Version, RetrainingSchedule.Weekly), (list.ActiveVersion, list.Retraining));
        Assert.Equal(TenantModelGrain.ScheduleActor, list.ActivationChangedBy);
        var audit = await fixture.Client.GetGrain<Crm.Contracts.Audit.IAuditLogGrain>(desk.TenantId).ListAsync(50, null);
        Assert.Contains(audit.Entries, e => e.Action == Crm.Contracts.Audit.AuditAction.ModelActivated && e.TargetId == $"comment-sentiment-v{first.Version}"
            && e.Actor == TenantModelGrain.ScheduleActor);
    }

    private async Task<TrainingJobView> FinishedAsync(string tenant, TrainingJobView job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var now = await Models(tenant).GetJobAsync(job.JobId);
            Assert.NotNull(now);
            if (now.Status != TrainingJobStatus.Running)
            {
                return now;
            }

            Assert.True(DateTime.UtcNow < deadline, "Training did not finish within 60 s.");
            await Task.Delay(200);
        }
    }

    private static async Task ServedAsync(ICommentScoring scoring, string tenant, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (scoring.Score(tenant, "非常失望").ModelVersion != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not served {version} within 30 s.");
            await Task.Delay(200);
        }
    }

    private static async Task RecordAsync(SurveyDesk desk, IEnumerable<(int Csat, string? Comment)> answers)
    {
        var responses = answers.Select((a, i) => SurveyDesk.Response($"r{i}", desk.CustomerIds[i % desk.CustomerIds.Count], a.Csat, comment: a.Comment)).ToImmutableArray();
        await desk.Results().RecordAsync(responses, dryRun: false, "platform");
    }

    private static string NewTenant() => "models-" + Guid.NewGuid().ToString("N")[..10];
}
