using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Contracts.Customers;

namespace Crm.Cli.Api;

/// <summary>The few front-end API calls the command-line tool makes; errors carry the server's problem details.</summary>
public sealed class CrmApiClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<CustomerSummaryPage> ListCustomersAsync(string tenantId, int pageSize, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"api/tenants/{tenantId}/customers?pageSize={pageSize}", cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CustomerSummaryPage>(Json, cancellationToken))!;
    }

    public async Task<CustomerView> CreateCustomerAsync(string tenantId, CustomerProfile profile, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"api/tenants/{tenantId}/customers", profile, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<CustomerView>(Json, cancellationToken))!;
    }

    public async Task AddNoteAsync(string tenantId, string customerId, string summary, string? detail, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            $"api/tenants/{tenantId}/customers/{customerId}/archive/notes", new { summary, detail }, Json, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CrmApiException($"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {body}");
        }
    }
}

public sealed class CrmApiException(string message) : Exception(message);
