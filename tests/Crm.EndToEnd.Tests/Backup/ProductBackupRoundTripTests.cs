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

        // The stack is live while it is backed up: the availability writers merge a minute's column into their hour's
        // row every minute, and earlier tests' reminders and background work may write too. So the source is read
        // just before and just after the backup: a row the same in both must come back exactly as it is, and a row
        // written meanwhile must come back as it was before or after, property by property (or be absent if it was
        // only made or removed meanwhile).
        var before = await ReadAllAsync(stack.StorageConnectionString);
        Assert.Equal(0, await RunAsync("backup", "create", "--out", file, "--connection-string", stack.StorageConnectionString));
        var after = await ReadAllAsync(stack.StorageConnectionString);
        Assert.Equal(0, await RunAsync("backup", "restore", "--in", file, "--connection-string", empty.ConnectionString));

        var restored = await ReadAllAsync(empty.ConnectionString);
        Assert.Contains("CrmGrainState", after.Keys);
        Assert.Contains("CrmAuditLog", after.Keys);
        Assert.Contains("CrmCustomerLookup", after.Keys);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.Equal(after.Keys.Order(), restored.Keys.Order());
        var unchanged = 0;
        foreach (var (table, rows) in after)
        {
            // The survey outbox is empty once its deliveries are made, which is right after the response above.
            Assert.True(rows.Count > 0 || table is "CrmReminders" or "CrmSurveyOutbox", $"{table} has rows");
            var old = before[table];
            var copies = restored[table];
            foreach (var key in old.Keys.Union(rows.Keys))
            {
                old.TryGetValue(key, out var was);
                rows.TryGetValue(key, out var now);
                copies.TryGetValue(key, out var copy);
                if (was is not null && now is not null && SameRow(was, now))
                {
                    unchanged++;
                    Assert.True(copy is not null, $"{table} {key} is missing from the restored storage");
                    Assert.Equal(now.Keys.Order(), copy.Keys.Order());
                    foreach (var (name, value) in now)
                    {
                        Assert.True(SameValue(value, copy[name]), $"{table} {key} {name}: {value} ({value?.GetType().Name}) became {copy[name]} ({copy[name]?.GetType().Name})");
                    }
                }
                else if (copy is null)
                {
                    Assert.True(was is null || now is null, $"{table} {key}, there before and after the backup, is missing from the restored storage");
                }
                else
                {
                    foreach (var (name, value) in copy)
                    {
                        Assert.True(
                            (was is not null && was.TryGetValue(name, out var a) && SameValue(a, value)) || (now is not null && now.TryGetValue(name, out var b) && SameValue(b, value)),
                            $"{table} {key} {name}: restored as {value}, which it was neither before nor after the backup");
                    }

                    foreach (var (name, value) in was ?? [])
                    {
                        // What the row held both before and after, it held throughout the backup.
                        Assert.True(now is null || !now.TryGetValue(name, out var b) || !SameValue(value, b) || copy.ContainsKey(name), $"{table} {key} {name} is missing from the restored row");
                    }
                }
            }

            Assert.Empty(copies.Keys.Except(old.Keys.Union(rows.Keys)));
        }

        // Nearly every row holds still during a backup; a comparison that skipped them all would prove nothing.
        Assert.True(unchanged > 20, $"only {unchanged} rows were the same before and after the backup");
    }

    private static bool SameRow(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && SameValue(p.Value, v));

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
