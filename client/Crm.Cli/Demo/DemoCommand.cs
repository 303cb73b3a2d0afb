using System.CommandLine;
using Crm.Cli.Api;
using Spectre.Console;

namespace Crm.Cli.Demo;

/// <summary>
/// <c>crm demo seed</c>: as a platform operator, creates the demo tenant and its demo users if missing, then fills the
/// tenant with demo customers unless it already has customers. As a tenant user, only the customers.
/// </summary>
public static class DemoCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant to seed.", DefaultValueFactory = _ => "demo" };
        var count = new Option<int>("--count") { Description = "How many customers.", DefaultValueFactory = _ => 40 };
        var credentials = new Option<FileInfo?>("--credentials-file") { Description = "Also write the demo users' generated passwords here (mode 0600)." };
        var seed = new Command("seed", "Seeds a tenant with demo users and realistic demo customers (skips what exists).") { tenant, count, credentials };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            return await SeedAsync(api, parse.GetValue(tenant)!, parse.GetValue(count), parse.GetValue(credentials), parse.InvocationConfiguration.Output, cancellationToken);
        });
        return new Command("demo", "Demo data.") { seed };
    }

    private static async Task<int> SeedAsync(CrmApiClient api, string tenant, int count, FileInfo? credentialsFile, TextWriter output, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var me = await api.GetMeAsync(cancellationToken);
        var writer = api;
        if (me.IsPlatformOperator)
        {
            var passwords = await EnsureTenantAndUsersAsync(api, tenant, console, cancellationToken);
            if (credentialsFile is not null && passwords.Count > 0)
            {
                await WritePrivateAsync(credentialsFile, string.Join('\n', passwords.Select(p => $"{p.Key} {p.Value}")) + "\n", cancellationToken);
            }

            if (!passwords.TryGetValue(DemoUsers.Admin, out var adminPassword))
            {
                console.MarkupLineInterpolated($"Tenant [bold]{tenant}[/] was seeded before; nothing added.");
                return 0;
            }

            // Operators see no customer data: seed customers as the demo tenant admin just created.
            writer = new CrmApiClient(new HttpClient { BaseAddress = api.BaseAddress });
            await writer.SignInAsync(DemoUsers.Admin, adminPassword, cancellationToken);
        }

        var existing = await writer.ListCustomersAsync(tenant, 1, cancellationToken);
        if (existing.Items.Length > 0)
        {
            console.MarkupLineInterpolated($"Tenant [bold]{tenant}[/] already has customers; demo customers not added.");
            return 0;
        }

        // Seeded with the customers, so a second run (which finds customers) never adds the macros twice.
        foreach (var macro in DemoMacros.All)
        {
            await writer.CreateMacroAsync(tenant, macro, cancellationToken);
        }

        var customers = DemoCustomers.Generate(count);
        var customerIds = new List<string>();
        var opened = 0;
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Seeding tenant {tenant}", maxValue: customers.Count);
            foreach (var customer in customers)
            {
                var created = await writer.CreateCustomerAsync(tenant, customer.Profile, cancellationToken);
                customerIds.Add(created.CustomerId);
                foreach (var note in customer.Notes)
                {
                    await writer.AddNoteAsync(tenant, created.CustomerId, note, null, cancellationToken);
                }

                task.Increment(1);
            }

            var cases = DemoCases.Generate(customerIds);
            var caseTask = progress.AddTask("Opening demo cases", maxValue: cases.Count);
            foreach (var demo in cases)
            {
                var view = await writer.OpenCaseAsync(tenant, demo.Report, cancellationToken);
                if (demo.Reply is { } reply)
                {
                    await writer.ReplyToCaseAsync(tenant, view.CaseId, reply, demo.Then, cancellationToken);
                }

                opened++;
                caseTask.Increment(1);
            }
        });
        console.MarkupLineInterpolated($"Seeded [bold]{customers.Count}[/] demo customers, [bold]{opened}[/] open cases and [bold]{DemoMacros.All.Count}[/] macros into tenant [bold]{tenant}[/].");
        return 0;
    }

    /// <summary>Creates what is missing; returns the generated passwords of the users it created.</summary>
    private static async Task<Dictionary<string, string>> EnsureTenantAndUsersAsync(CrmApiClient api, string tenant, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if ((await api.ListTenantsAsync(cancellationToken)).All(t => t.TenantId != tenant))
        {
            await api.CreateTenantAsync(tenant, "Demo shop (demo data)", cancellationToken);
            console.MarkupLineInterpolated($"Created tenant [bold]{tenant}[/].");
        }

        var existing = (await api.ListUsersAsync(tenant, cancellationToken)).Select(u => u.Username).ToHashSet();
        var created = new Dictionary<string, string>();
        foreach (var (username, displayName, role) in DemoUsers.All.Where(u => !existing.Contains(u.Username)))
        {
            var user = await api.CreateUserAsync(tenant, username, displayName, [role], cancellationToken);
            created[username] = user.GeneratedPassword!;
        }

        if (created.Count > 0)
        {
            var table = new Table().AddColumns("Demo user (demo data only)", "Role", "Password (shown once)");
            foreach (var (username, _, role) in DemoUsers.All.Where(u => created.ContainsKey(u.Username)))
            {
                table.AddRow(username, role.ToString(), created[username]);
            }

            console.Write(table);
        }

        return created;
    }

    private static async Task WritePrivateAsync(FileInfo file, string content, CancellationToken cancellationToken)
    {
        file.Directory?.Create();
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(file.FullName, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }
}
