using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Scoring;

namespace Crm.EndToEnd.Tests.Models;

/// <summary>
/// The models API end to end (HTTP, front end, cluster, Azurite blobs): upload-and-train answers 202 and the job is
/// polled to a stored version with held-out metrics; activate, roll back, the retraining setting; training below the
/// product's minimum (500 labels) refused with how many more; a bad file a 400 naming its row; each step audited.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ModelsApiTests(CrmStackFixture stack)
{
    private static readonly string[] Good = ["送货很快", "客服很耐心", "质量很好", "包装完好", "价格实惠", "Great service", "Fast delivery", "Very helpful agent"];
    private static readonly string[] Bad = ["送货太慢", "客服态度差", "质量很差", "包装破损", "要求退款", "Terrible service", "Late delivery", "Rude agent"];

    [Fact]
    public async Task TrainFromFile_ThenActivateAndRetraining_AnalystDoesItAllAndEachStepIsAudited()
    {
        var tenant = await stack.NewTenantAsync();
        var analyst = tenant.As(Role.Analyst);
        var url = $"api/tenants/{tenant.Id}/models";

        var started = await analyst.PostAsJsonAsync($"{url}/train-from-file", new { csv = LabelledCsv(260), textColumn = "comment", labelColumn = "satisfied" });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await CrmStackFixture.ReadAsync<TrainingJobView>(started);
        Assert.Equal($"/{url}/jobs/{job.JobId}", started.Headers.Location?.OriginalString);
        job = await FinishedAsync(analyst, url, job);
        Assert.Equal((TrainingJobStatus.Succeeded, 1, false), (job.Status, job.Version, job.Activated));

        var activated = await analyst.PostAsync($"{url}/versions/1/activate", null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        var list = await CrmStackFixture.ReadAsync<ModelListView>(activated);
        var v1 = Assert.Single(list.Versions);
        Assert.Equal((1, true, 520, 260), (list.ActiveVersion, v1.Active, v1.Rows, v1.SatisfiedRows));
        Assert.Equal(104, v1.Metrics!.HeldOutRows);
        Assert.InRange(v1.Metrics.Auc!.Value, 0.9, 1.0);
        Assert.Matches("^[0-9a-f]{64}$", v1.Sha256);
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsync($"{url}/rollback", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.PostAsync($"{url}/versions/7/activate", null)).StatusCode);
        var weekly = await CrmStackFixture.ReadAsync<ModelListView>(await analyst.PutAsJsonAsync($"{url}/retraining", new { retraining = "Weekly" }));
        Assert.Equal(RetrainingSchedule.Weekly, weekly.Retraining);

        var audit = await tenant.Admin.GetStringAsync($"api/tenants/{tenant.Id}/audit?pageSize=50");
        var page = JsonSerializer.Deserialize<AuditPage>(audit, CrmStackFixture.Json)!;
        Assert.Contains(page.Entries, e => e.Action == AuditAction.ModelTrained);
        Assert.Contains(page.Entries, e => e.Action == AuditAction.ModelActivated && e.TargetId == "comment-sentiment-v1");
        Assert.Contains(page.Entries, e => e.Action == AuditAction.ModelRetrainingChanged);
    }

    [Fact]
    public async Task Train_TenantWithoutRatedComments_IsRefusedSayingHowManyMoreAreNeeded()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/models";

        var started = await tenant.Admin.PostAsync($"{url}/train", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var job = await FinishedAsync(tenant.Admin, url, await CrmStackFixture.ReadAsync<TrainingJobView>(started));

        Assert.Equal(TrainingJobStatus.Refused, job.Status);
        Assert.Equal((500, 50, 50), (job.MoreLabels, job.MoreSatisfied, job.MoreDissatisfied));
        var list = await CrmStackFixture.ReadAsync<ModelListView>(await tenant.Admin.GetAsync(url));
        Assert.Empty(list.Versions);
        Assert.Null(list.ActiveVersion);
    }

    [Fact]
    public async Task TrainFromFile_BadLabel_Is400NamingTheRowAndStartsNothing()
    {
        var tenant = await stack.NewTenantAsync();
        var url = $"api/tenants/{tenant.Id}/models";

        var response = await tenant.Admin.PostAsJsonAsync($"{url}/train-from-file", new { csv = "text,label\n很好,1\n很差,2\n" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.Contains("row 3", message, StringComparison.Ordinal);
        var list = await CrmStackFixture.ReadAsync<ModelListView>(await tenant.Admin.GetAsync(url));
        Assert.Null(list.LatestJob);
    }

    private static async Task<TrainingJobView> FinishedAsync(HttpClient http, string url, TrainingJobView job)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (job.Status == TrainingJobStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "Training did not finish within 120 s.");
            await Task.Delay(500);
            job = await CrmStackFixture.ReadAsync<TrainingJobView>(await http.GetAsync($"{url}/jobs/{job.JobId}"));
        }

        return job;
    }

    /// <summary><paramref name="perLabel"/> distinct comments of each label, made of hand-written phrases.</summary>
    private static string LabelledCsv(int perLabel)
    {
        var csv = new StringBuilder("satisfied,comment\n");
        for (var i = 0; i < perLabel; i++)
        {
            csv.Append($"1,\"{Good[i % Good.Length]}，{Good[(i / Good.Length) % Good.Length]} {i}\"\n");
            csv.Append($"0,\"{Bad[i % Bad.Length]}，{Bad[(i / Bad.Length) % Bad.Length]} {i}\"\n");
        }

        return csv.ToString();
    }
}
