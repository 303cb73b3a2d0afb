using System.CommandLine;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Crm.Cli;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Testing;

namespace Crm.EndToEnd.Tests.Backup;

/// <summary>
/// The round trip on the product's own storage: seed through the API, back up with the CLI, restore into an
/// empty Azurite, and every row of every product table is back with every property's type and value.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ProductBackupRoundTripTests(CrmStackFixture stack)
{
    [Fact]
    public async Task BackupThenRestoreIntoEmptyStorage_EveryRowOfEveryTableIsBackByteForByte()
    {
        var tenant = await stack.NewTenantAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers", new
        {
            displayName = "备份 客户",
            channels = new[] { new { kind = "Email", value = "backup@example.com" }, new { kind = "Phone", value = "+86 138 0000 1111" } },
        }));
        await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/customers/{customer.CustomerId}/archive/notes", new { summary = "before the backup" });
        (await tenant.Agent.PostAsJsonAsync($"api/tenants/{tenant.Id}/cases", new
        {
            customerId = customer.CustomerId,
            kind = "Complaint",
            subject = "备份 before the backup",
            description = "A case, so the case tables have rows to back up.",
        })).EnsureSuccessStatusCode();
        // A survey with an invitation and a response, so the survey tables have rows too, whatever ran before.
        var surveys = $"api/tenants/{tenant.Id}/surveys";
        (await tenant.As(Role.Analyst).PostAsJsonAsync(surveys, new { surveyId = "backup-csat", name = "After-sales CSAT" })).EnsureSuccessStatusCode();
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"{surveys}/backup-csat/invitations", new { customerId = customer.CustomerId, validityDays = 3 })).EnsureSuccessStatusCode();
        (await tenant.As(Role.Analyst).PostAsJsonAsync($"{surveys}/backup-csat/responses",
            new { responses = new[] { new { customerId = customer.CustomerId, answeredAt = DateTimeOffset.UtcNow, csat = 5, nps = 9 } } })).EnsureSuccessStatusCode();
        // A finished report, so the report run table has a row too (its documents are in blob storage, not yet backed up).
        (await tenant.As(Role.AccountManager).PostAsync($"api/tenants/{tenant.Id}/reports/2026-11/finished", null)).EnsureSuccessStatusCode();
        await tenant.Admin.GetAsync($"api/tenants/{tenant.Id}/audit");
        var file = Path.Combine(Directory.CreateTempSubdirectory("crm-product-backup-").FullName, "crm.zip");
        await using var empty = await AzuriteServer.StartAsync();

        Assert.Equal(0, await RunAsync("backup", "create", "--out", file, "--connection-string", stack.StorageConnectionString));
        Assert.Equal(0, await RunAsync("backup", "restore", "--in", file, "--connection-string", empty.ConnectionString));

        var source = await ReadAllAsync(stack.StorageConnectionString);
        var restored = await ReadAllAsync(empty.ConnectionString);
        Assert.Contains("CrmGrainState", source.Keys);
        Assert.Contains("CrmAuditLog", source.Keys);
        Assert.Contains("CrmCustomerLookup", source.Keys);
        Assert.Equal(source.Keys.Order(), restored.Keys.Order());
        foreach (var (table, rows) in source)
        {
            // The survey outbox is empty once its deliveries are made, which is right after the response above.
            Assert.True(rows.Count > 0 || table is "CrmReminders" or "CrmSurveyOutbox", $"{table} has rows");
            Assert.Equal(rows.Keys.Order(), restored[table].Keys.Order());
            foreach (var (key, properties) in rows)
            {
                var copy = restored[table][key];
                Assert.Equal(properties.Keys.Order(), copy.Keys.Order());
                foreach (var (name, value) in properties)
                {
                    Assert.True(SameValue(value, copy[name]), $"{table} {key} {name}: {value} ({value?.GetType().Name}) became {copy[name]} ({copy[name]?.GetType().Name})");
                }
            }
        }
    }

    private static Task<int> RunAsync(params string[] args) =>
        CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });

    private static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (null, null) => true,
        _ => a is not null && b is not null && a.GetType() == b.GetType() && a.Equals(b),
    };

    /// <summary>Every product table's rows by "PartitionKey/RowKey", without the server-set Timestamp and ETag.</summary>
    private static async Task<Dictionary<string, Dictionary<string, Dictionary<string, object?>>>> ReadAllAsync(string connectionString)
    {
        var service = new TableServiceClient(connectionString);
        var tables = new Dictionary<string, Dictionary<string, Dictionary<string, object?>>>();
        await foreach (var table in service.QueryAsync())
        {
            if (!table.Name.StartsWith("Crm", StringComparison.Ordinal))
            {
                continue;
            }

            var rows = new Dictionary<string, Dictionary<string, object?>>();
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows[entity.PartitionKey + "/" + entity.RowKey] = entity
                    .Where(p => p.Key is not ("Timestamp" or "odata.etag"))
                    .ToDictionary(p => p.Key, p => (object?)p.Value);
            }

            tables[table.Name] = rows;
        }

        return tables;
    }
}
