using System.Net.Http.Headers;
using Crm.Contracts.Access;
using Crm.Testing.Contract;

namespace Crm.EndToEnd.Tests;

/// <summary>A fresh tenant with one signed-in API client per tenant role, and their passwords for browser sign-in.</summary>
public sealed class TestTenant(string id, IReadOnlyDictionary<Role, (string Username, string Password, HttpClient Http)> users)
{
    public string Id { get; } = id;

    public IReadOnlyDictionary<Role, (string Username, string Password, HttpClient Http)> Users { get; } = users;

    public HttpClient Agent => Users[Role.Agent].Http;

    public HttpClient Admin => Users[Role.TenantAdmin].Http;

    public HttpClient As(Role role) => Users[role].Http;

    public static HttpClient WithToken(Uri baseAddress, string token)
    {
        // Every API call a test makes is checked against the published document (Crm.Testing.Contract).
        var http = ContractCheckingHandler.Client(baseAddress);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
