using System.CommandLine;
using Crm.Cli;
using Crm.Cli.Demo;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class DemoSeedTests(CrmStackFixture stack)
{
    [Fact]
    public async Task DemoSeed_AsOperator_CreatesTenantUsersAndCustomersOnce()
    {
        var tenant = CrmStackFixture.NewTenant();
        var folder = Directory.CreateTempSubdirectory("crm-demo-").FullName;
        var passwordFile = Path.Combine(folder, "admin-password");
        var credentials = Path.Combine(folder, "demo-users");
        await File.WriteAllTextAsync(passwordFile, stack.AdminPassword + "\n");
        string[] args =
        [
            "demo", "seed", "--url", stack.BaseAddress.ToString(), "--user", "admin", "--password-file", passwordFile,
            "--tenant", tenant, "--count", "6", "--credentials-file", credentials,
        ];

        Assert.Equal(0, await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(Quiet()));
        var firstCredentials = await File.ReadAllTextAsync(credentials);
        Assert.Equal(0, await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(Quiet()));

        // Every demo user is marked as demo data and got a password of its own; a second run changes none.
        Assert.Equal(firstCredentials, await File.ReadAllTextAsync(credentials));
        var lines = firstCredentials.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.Equal(DemoUsers.All.Select(u => u.Username).Order(), lines.Select(l => l[0]).Order());
        Assert.Equal(lines.Count, lines.Select(l => l[1]).Distinct().Count());
        var users = await CrmStackFixture.ReadAsync<Contracts.Access.UserView[]>(await (await stack.OperatorAsync()).GetAsync($"api/tenants/{tenant}/users"));
        Assert.All(users, u => Assert.EndsWith("(demo data)", u.DisplayName));

        var lead = await stack.SignInAsync("demo-lead", lines.Single(l => l[0] == "demo-lead")[1]);
        var page = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await lead.GetAsync($"api/tenants/{tenant}/customers?pageSize=100"));
        Assert.Equal(6, page.Items.Length);
        Assert.Equal(DemoCustomers.Generate(6).Select(c => c.Profile.DisplayName).Order(), page.Items.Select(i => i.DisplayName).Order());

        // Every other customer has an open case, and the second run opened none again.
        var queue = await CrmStackFixture.ReadAsync<Contracts.Cases.CaseQueuePage>(await lead.GetAsync($"api/tenants/{tenant}/queue?pageSize=100"));
        Assert.Equal(3, queue.Items.Length);
        Assert.Equal(3, queue.Items.Select(i => i.CustomerId).Distinct().Count());

        // The demo macros, once, each with placeholders the macro rule knows (zh-CN and en).
        var macros = await CrmStackFixture.ReadAsync<Contracts.ServiceDesk.CaseMacro[]>(await lead.GetAsync($"api/tenants/{tenant}/service-desk/macros"));
        Assert.Equal(DemoMacros.All.Select(m => m.Title).Order(), macros.Select(m => m.Title).Order());
        Assert.All(macros, m => Assert.Contains("{customer.name}", m.Body));
        Assert.Contains(macros, m => m.Body.Any(c => c is >= '\u4e00' and <= '\u9fff'));
        Assert.Contains(macros, m => m.Body.StartsWith("Hello ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoSeed_BadUrl_FailsNamingTheOption()
    {
        var output = new StringWriter();
        var result = CrmCli.CreateRootCommand().Parse(["demo", "seed", "--url", "not a url"]);

        var exit = await result.InvokeAsync(new InvocationConfiguration { Error = output, Output = output });

        Assert.NotEqual(0, exit);
        Assert.Contains("--url: 'not a url' is not an http(s) URL.", output.ToString());
    }

    [Fact]
    public async Task DemoSeed_NoCredentials_FailsSayingHowToSignIn()
    {
        var output = new StringWriter();
        var exit = await CrmCli.CreateRootCommand().Parse(["demo", "seed", "--url", stack.BaseAddress.ToString(), "--token", ""])
            .InvokeAsync(new InvocationConfiguration { Error = output, Output = output });

        Assert.NotEqual(0, exit);
        Assert.Contains("Sign in first: pass --token", output.ToString());
    }

    private static InvocationConfiguration Quiet() => new() { Output = new StringWriter(), Error = new StringWriter() };

    [Fact]
    public void Generate_SameSeed_GivesTheSameValidLookingCustomers()
    {
        var first = DemoCustomers.Generate(20);
        var second = DemoCustomers.Generate(20);

        Assert.Equal(first.Select(c => c.Profile.DisplayName), second.Select(c => c.Profile.DisplayName));
        Assert.All(first, c => Assert.Contains(c.Profile.Channels, ch => ch.Kind == ContactChannelKind.Email && ch.Value.EndsWith("@example.com")));
    }
}
