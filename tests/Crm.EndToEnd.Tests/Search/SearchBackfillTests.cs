using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Crm.Cli;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Customers;
using Crm.Storage.AzureTables;

namespace Crm.EndToEnd.Tests.Search;

/// <summary>
/// POST /search/backfill and <c>crm search backfill</c>: customers whose name rows are missing from CrmSearchIndex (as
/// for customers stored before the index existed) are found by name again, page by page, idempotently, by a tenant
/// admin only, audited. One tenant for both tests (a tenant's users cost seconds to make).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SearchBackfillTests(CrmStackFixture stack, SearchBackfillTests.SharedTenant shared) : IClassFixture<SearchBackfillTests.SharedTenant>
{
    [Fact]
    public async Task Backfill_RestoresMissingNameRows_PageByPage_Idempotently_ForTheTenantAdminOnly_Audited()
    {
        var tenant = await shared.TenantAsync(stack);
        var names = new[] { "慕容复", "慕容博", "Murong Fu" };
        var ids = await CreateAsync(tenant, names);
        await DeleteNameRowsAsync(tenant.Id, wholeEntityRows: false);
        Assert.Empty(await FindAsync(tenant, "慕容"));

        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Agent.PostAsync(Backfill(tenant.Id, 2, null), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.As(Role.TeamLead).PostAsync(Backfill(tenant.Id, 2, null), null)).StatusCode);
        var other = await shared.OtherAsync(stack);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Admin.PostAsync(Backfill(tenant.Id, 2, null), null)).StatusCode);
        Assert.Empty(await FindAsync(tenant, "murong"));
        var auditedBefore = await BackfillAuditsAsync(tenant);

        // Two pages of 2 over the tenant's customers (the shared tenant may hold the other test's too): walk them all.
        var pages = new List<SearchBackfillPage>();
        string? token = null;
        do
        {
            var page = await CrmStackFixture.ReadAsync<SearchBackfillPage>(await tenant.Admin.PostAsync(Backfill(tenant.Id, 2, token), null));
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 50);

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.SkipLast(1), p => Assert.Equal(2, p.Indexed));
        var han = ids.Take(2).ToList();
        Assert.Equal(han.Order(), (await FindAsync(tenant, "慕容")).Where(ids.Contains).Order());
        Assert.Equal([ids[2]], (await FindAsync(tenant, "murong")).Where(ids.Contains));

        // Again: nothing changes, nothing doubles (one row per gram and customer, found once).
        await tenant.Admin.PostAsync(Backfill(tenant.Id, 100, null), null);
        var again = await FindAsync(tenant, "慕容");
        Assert.Equal(again.Distinct().Count(), again.Count);
        Assert.Equal(han.Order(), again.Where(ids.Contains).Order());

        // Each page is audited once, as the admin's, the refused calls not at all.
        var audited = (await BackfillAuditsAsync(tenant)).Skip(auditedBefore.Count).ToList();
        Assert.Equal(pages.Count + 1, audited.Count);
        Assert.All(audited, e => Assert.Equal(tenant.Users[Role.TenantAdmin].Username, e.Actor));
        Assert.Contains(audited, e => e.Detail == "search index backfill: 2 customers");
    }

    [Fact]
    public async Task Cli_WalksEveryPage_PrintsWhereToGoOn_AndFindsTheCustomersAgain()
    {
        var tenant = await shared.TenantAsync(stack);
        var ids = await CreateAsync(tenant, ["东方不败", "东方白"]);
        await DeleteNameRowsAsync(tenant.Id, wholeEntityRows: true);
        Assert.Empty(await FindAsync(tenant, "东方"));

        var (exit, output) = await RunAsync(tenant, "--page-size", "1");

        Assert.Equal(0, exit);
        Assert.Contains("customers indexed; to go on from here: --from ", output);
        Assert.Matches(@"\d+ customers indexed; done\.", output);
        Assert.Equal(ids.Order(), (await FindAsync(tenant, "东方")).Order());

        // Refused by the API (an agent is no tenant admin): the tool says so and fails, having indexed nothing.
        var (refused, refusal) = await RunAsync(tenant, Role.Agent);
        Assert.NotEqual(0, refused);
        Assert.Contains("403", refusal);
        Assert.DoesNotContain("customers indexed", refusal);
    }

    // The log is newest first, a filtered page maybe short: every page read, reversed, the entries a step added are the tail.
    private static async Task<List<AuditEntry>> BackfillAuditsAsync(TestTenant tenant)
    {
        var entries = new List<AuditEntry>();
        string? token = null;
        do
        {
            var log = await CrmStackFixture.ReadAsync<AuditPage>(await tenant.Admin.GetAsync(
                $"api/tenants/{tenant.Id}/audit?pageSize=100&action=Update" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}")));
            entries.AddRange(log.Entries);
            token = log.ContinuationToken;
        }
        while (token is not null);

        entries.Reverse();
        return [.. entries.Where(e => e.Detail?.StartsWith("search index backfill:", StringComparison.Ordinal) == true)];
    }

    private static string Backfill(string tenantId, int pageSize, string? token) =>
        $"api/tenants/{tenantId}/search/backfill?pageSize={pageSize}" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");

    private static async Task<List<string>> CreateAsync(TestTenant tenant, IEnumerable<string> names)
    {
        var ids = new List<string>();
        foreach (var name in names)
        {
            var created = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync(
                $"api/tenants/{tenant.Id}/customers", new { displayName = name, channels = Array.Empty<object>() }));
            ids.Add(created.CustomerId);
        }

        return ids;
    }

    private static async Task<List<string>> FindAsync(TestTenant tenant, string q)
    {
        var page = await CrmStackFixture.ReadAsync<CustomerSearchPage>(await tenant.Agent.GetAsync(
            $"api/tenants/{tenant.Id}/customers/search?q={Uri.EscapeDataString(q)}&pageSize=100"));
        return [.. page.Items.Select(h => h.Customer.CustomerId)];
    }

    /// <summary>
    /// Deletes the tenant's name rows straight from the table: the gram rows only (the entity rows still list the hashes,
    /// as after a lost write), or the entity rows too (as for customers stored before the index existed).
    /// </summary>
    private async Task DeleteNameRowsAsync(string tenantId, bool wholeEntityRows)
    {
        var table = new TableServiceClient(stack.StorageConnectionString).GetTableClient(CrmTables.SearchIndex);
        string from = tenantId + "|name|", to = tenantId + "|name}";
        var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}"), select: ["PartitionKey", "RowKey"]);
        await foreach (var row in rows)
        {
            if (wholeEntityRows || !row.PartitionKey.EndsWith("|=", StringComparison.Ordinal))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }
        }
    }

    private Task<(int Exit, string Output)> RunAsync(TestTenant tenant, params string[] extra) => RunAsync(tenant, Role.TenantAdmin, extra);

    private async Task<(int Exit, string Output)> RunAsync(TestTenant tenant, Role role, params string[] extra)
    {
        var token = tenant.As(role).DefaultRequestHeaders.Authorization!.Parameter!;
        var output = new StringWriter();
        string[] args = ["search", "backfill", "--url", stack.BaseAddress.ToString(), "--token", token, "--tenant", tenant.Id, .. extra];
        var exit = await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    /// <summary>The tenant both tests use (and one other, for the foreign admin), made once on first use.</summary>
    public sealed class SharedTenant
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private TestTenant? _tenant;
        private TestTenant? _other;

        public async Task<TestTenant> TenantAsync(CrmStackFixture stack)
        {
            await _gate.WaitAsync();
            try
            {
                return _tenant ??= await stack.NewTenantAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<TestTenant> OtherAsync(CrmStackFixture stack)
        {
            await _gate.WaitAsync();
            try
            {
                return _other ??= await stack.NewTenantAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
