using Crm.Contracts.Cases;
using Crm.Domain.Cases;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;

namespace Crm.Cli.Api;

/// <summary>The front-end API calls the command-line tool makes; errors carry the server's problem details.</summary>
public sealed class CrmApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Rows of a survey import: null fields are left out, so a batch stays well inside the API's body limit.</summary>
    public static readonly JsonSerializerOptions RowsJson = new(Json) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public Uri? BaseAddress => http.BaseAddress;

    /// <summary>The bearer token in use, if any.</summary>
    public string? Token => http.DefaultRequestHeaders.Authorization?.Parameter;

    /// <summary>Signs in and sends the token with every later call of this client.</summary>
    public async Task SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/auth/token", new { username, password }, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(Json, cancellationToken);
        UseToken(token!.AccessToken);
    }

    public void UseToken(string token) => http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    public Task<UserSession> GetMeAsync(CancellationToken cancellationToken) => GetAsync<UserSession>("api/me", cancellationToken);

    public Task<ImmutableArray<TenantInfo>> ListTenantsAsync(CancellationToken cancellationToken) =>
        GetAsync<ImmutableArray<TenantInfo>>("api/tenants", cancellationToken);

    public Task<TenantInfo> CreateTenantAsync(string tenantId, string name, CancellationToken cancellationToken) =>
        PostAsync<TenantInfo>("api/tenants", new { tenantId, name }, cancellationToken);

    public Task<ImmutableArray<UserView>> ListUsersAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync<ImmutableArray<UserView>>($"api/tenants/{tenantId}/users", cancellationToken);

    public Task<CreatedUser> CreateUserAsync(string tenantId, string username, string displayName, IEnumerable<Role> roles, CancellationToken cancellationToken) =>
        PostAsync<CreatedUser>($"api/tenants/{tenantId}/users", new { username, displayName, roles }, cancellationToken);

    public Task<PasswordReset> ResetPasswordAsync(string tenantId, string username, CancellationToken cancellationToken) =>
        PostAsync<PasswordReset>($"api/tenants/{tenantId}/users/{username}/password-reset", new { }, cancellationToken);

    public Task<CustomerSummaryPage> ListCustomersAsync(string tenantId, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<CustomerSummaryPage>($"api/tenants/{tenantId}/customers?pageSize={pageSize}", cancellationToken);

    public Task<CustomerView> CreateCustomerAsync(string tenantId, CustomerProfile profile, CancellationToken cancellationToken) =>
        PostAsync<CustomerView>($"api/tenants/{tenantId}/customers", profile, cancellationToken);

    public async Task AddNoteAsync(string tenantId, string customerId, string summary, string? detail, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/tenants/{tenantId}/customers/{customerId}/archive/notes", new { summary, detail }, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public Task<CaseMacro> CreateMacroAsync(string tenantId, MacroInput macro, CancellationToken cancellationToken) =>
        PostAsync<CaseMacro>($"api/tenants/{tenantId}/service-desk/macros", macro, cancellationToken);

    /// <summary>Opens a case; its request id makes a repeat return the same case.</summary>
    public Task<CaseView> OpenCaseAsync(string tenantId, NewCase report, CancellationToken cancellationToken) =>
        PostAsync<CaseView>($"api/tenants/{tenantId}/cases", report, cancellationToken);

    public Task<CaseView> ReplyToCaseAsync(string tenantId, string caseId, string text, CaseAction? then, CancellationToken cancellationToken) =>
        PostAsync<CaseView>($"api/tenants/{tenantId}/cases/{caseId}/replies", new { text, then }, cancellationToken);

    /// <summary>
    /// Sends one batch of survey responses; a 400 comes back as its field errors (responses[i].field) rather than an
    /// exception, so an import can name every bad row.
    /// </summary>
    public async Task<(ImportBatchResult? Result, IReadOnlyDictionary<string, string[]> Errors)> RecordSurveyResponsesAsync(
        string tenantId, string surveyId, IReadOnlyList<object> rows, bool dryRun, CancellationToken cancellationToken, Action<int, TimeSpan>? retrying = null)
    {
        var path = $"api/tenants/{tenantId}/surveys/{surveyId}/responses?dryRun={(dryRun ? "true" : "false")}";
        using var response = await PostRetryingAsync(path, new { responses = rows }, RowsJson, retrying, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblem>(Json, cancellationToken);
            if (problem?.Errors is { Count: > 0 } errors)
            {
                return (null, errors);
            }
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return ((await response.Content.ReadFromJsonAsync<ImportBatchResult>(Json, cancellationToken))!, new Dictionary<string, string[]>());
    }

    /// <summary>Resolves customers named by platform id, email or phone to their ids, in the order asked (an import's names, once).</summary>
    public async Task<ImmutableArray<CustomerMatch>> LookupSurveyCustomersAsync(
        string tenantId, string surveyId, IReadOnlyList<object> names, CancellationToken cancellationToken, Action<int, TimeSpan>? retrying = null)
    {
        using var response = await PostRetryingAsync($"api/tenants/{tenantId}/surveys/{surveyId}/customer-lookups", new { names }, RowsJson, retrying, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CustomerLookups>(Json, cancellationToken))!.Matches;
    }

    /// <summary>
    /// A request that is safe to repeat (an import's batch: response ids come from the rows; a lookup): one the cluster
    /// could not answer in time, or asked to be sent later (503, its work may even have finished), is sent again after
    /// the server's Retry-After, for as long as <see cref="RetryBudget"/> of waiting allows (a busy survey answers "later"
    /// at once, so a count of tries would run out while the server is merely catching up), and <paramref name="retrying"/>
    /// hears of each try so the progress line can say so.
    /// </summary>
    private async Task<HttpResponseMessage> PostRetryingAsync(string path, object body, JsonSerializerOptions json, Action<int, TimeSpan>? retrying, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync(path, body, json, cancellationToken);
        var waited = TimeSpan.Zero;
        for (var attempt = 1; response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && waited < RetryBudget; attempt++)
        {
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2);
            response.Dispose();
            retrying?.Invoke(attempt, wait);
            await Task.Delay(wait, cancellationToken);
            waited += wait;
            response = await http.PostAsJsonAsync(path, body, json, cancellationToken);
        }

        return response;
    }

    /// <summary>Waiting one request may spend on 503s before the command gives up.</summary>
    public static readonly TimeSpan RetryBudget = TimeSpan.FromMinutes(10);

    private sealed record ValidationProblem(Dictionary<string, string[]>? Errors);

    public Task<Reconciliation> ReconcileReportAsync(string tenantId, string period, CancellationToken cancellationToken) =>
        PostAsync<Reconciliation>($"api/tenants/{Uri.EscapeDataString(tenantId)}/reports/{Uri.EscapeDataString(period)}/reconcile", new { }, cancellationToken);

    public Task<Crm.Contracts.Scoring.ModelListView> ListModelsAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync<Crm.Contracts.Scoring.ModelListView>($"{Models(tenantId)}", cancellationToken);

    public Task<Crm.Contracts.Scoring.TrainingJobView> TrainModelAsync(string tenantId, CancellationToken cancellationToken) =>
        PostAsync<Crm.Contracts.Scoring.TrainingJobView>($"{Models(tenantId)}/train", new { }, cancellationToken);

    public Task<Crm.Contracts.Scoring.TrainingJobView> TrainModelFromFileAsync(string tenantId, string csv, string textColumn, string labelColumn, CancellationToken cancellationToken) =>
        PostAsync<Crm.Contracts.Scoring.TrainingJobView>($"{Models(tenantId)}/train-from-file", new { csv, textColumn, labelColumn }, cancellationToken);

    public Task<Crm.Contracts.Scoring.TrainingJobView> GetTrainingJobAsync(string tenantId, string jobId, CancellationToken cancellationToken) =>
        GetAsync<Crm.Contracts.Scoring.TrainingJobView>($"{Models(tenantId)}/jobs/{Uri.EscapeDataString(jobId)}", cancellationToken);

    public Task<Crm.Contracts.Scoring.ModelListView> ActivateModelAsync(string tenantId, int version, CancellationToken cancellationToken) =>
        PostAsync<Crm.Contracts.Scoring.ModelListView>($"{Models(tenantId)}/versions/{version}/activate", new { }, cancellationToken);

    public Task<Crm.Contracts.Scoring.ModelListView> RollBackModelAsync(string tenantId, CancellationToken cancellationToken) =>
        PostAsync<Crm.Contracts.Scoring.ModelListView>($"{Models(tenantId)}/rollback", new { }, cancellationToken);

    public async Task<Crm.Contracts.Scoring.ModelListView> SetModelRetrainingAsync(string tenantId, Crm.Contracts.Scoring.RetrainingSchedule schedule, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync($"{Models(tenantId)}/retraining", new { retraining = schedule }, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<Crm.Contracts.Scoring.ModelListView>(Json, cancellationToken))!;
    }

    private static string Models(string tenantId) => $"api/tenants/{Uri.EscapeDataString(tenantId)}/models";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>One page of the name index's backfill (tenant admin); pass the token back until it is null.</summary>
    public async Task<SearchBackfillPage> BackfillSearchAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var path = $"api/tenants/{tenantId}/search/backfill?pageSize={pageSize}" + (continuationToken is null ? "" : $"&continuationToken={Uri.EscapeDataString(continuationToken)}");
        using var response = await http.PostAsync(path, content: null, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<SearchBackfillPage>(Json, cancellationToken))!;
    }

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CrmApiException($"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {body}");
        }
    }

    private sealed record TokenResponse(string AccessToken, long ExpiresIn);
}

public sealed record PasswordReset(string Username, string Password);

/// <summary>The answers to an import's customer lookups, in the order asked.</summary>
public sealed record CustomerLookups(ImmutableArray<CustomerMatch> Matches);

/// <summary>The customer a name resolved to, or its field and why not.</summary>
public sealed record CustomerMatch(string? CustomerId, string? Field, string? Error);

/// <summary>What one batch of an import did (or would do, on a dry run).</summary>
public sealed record ImportBatchResult(int Added, int AlreadyRecorded, bool DryRun);

public sealed class CrmApiException(string message) : Exception(message);
