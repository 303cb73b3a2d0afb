using System.CommandLine;
using Crm.Cli.Api;
using Spectre.Console;

namespace Crm.Cli.Demo;

/// <summary><c>crm demo seed</c>: fills one tenant with demo customers unless it already has customers.</summary>
public static class DemoCommand
{
    public static Command Create(Option<Uri> url)
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant to seed.", DefaultValueFactory = _ => "demo" };
        var count = new Option<int>("--count") { Description = "How many customers.", DefaultValueFactory = _ => 40 };
        var seed = new Command("seed", "Seeds a tenant with realistic demo customers (skips a tenant that has customers).") { tenant, count };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            using var http = new HttpClient { BaseAddress = parse.GetValue(url) };
            var api = new CrmApiClient(http);
            return await SeedAsync(api, parse.GetValue(tenant)!, parse.GetValue(count), cancellationToken);
        });
        return new Command("demo", "Demo data.") { seed };
    }

    private static async Task<int> SeedAsync(CrmApiClient api, string tenant, int count, CancellationToken cancellationToken)
    {
        var existing = await api.ListCustomersAsync(tenant, 1, cancellationToken);
        if (existing.Items.Length > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"Tenant [bold]{tenant}[/] already has customers; demo data not added.");
            return 0;
        }

        var customers = DemoCustomers.Generate(count);
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Seeding tenant {tenant}", maxValue: customers.Count);
            foreach (var customer in customers)
            {
                var created = await api.CreateCustomerAsync(tenant, customer.Profile, cancellationToken);
                foreach (var note in customer.Notes)
                {
                    await api.AddNoteAsync(tenant, created.CustomerId, note, null, cancellationToken);
                }

                task.Increment(1);
            }
        });
        AnsiConsole.MarkupLineInterpolated($"Seeded [bold]{customers.Count}[/] demo customers into tenant [bold]{tenant}[/].");
        return 0;
    }
}
