using System.CommandLine;
using Crm.Cli;
using Crm.Cli.Demo;
using Crm.Contracts.Customers;

namespace Crm.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class DemoSeedTests(CrmStackFixture stack)
{
    [Fact]
    public async Task DemoSeed_EmptyTenant_CreatesCustomersOnceAndSkipsWhenRunAgain()
    {
        var tenant = CrmStackFixture.NewTenant();
        string[] args = ["demo", "seed", "--url", stack.BaseAddress.ToString(), "--tenant", tenant, "--count", "6"];

        Assert.Equal(0, await CrmCli.CreateRootCommand().Parse(args).InvokeAsync());
        Assert.Equal(0, await CrmCli.CreateRootCommand().Parse(args).InvokeAsync());

        var page = await CrmStackFixture.ReadAsync<CustomerSummaryPage>(await stack.Http.GetAsync($"api/tenants/{tenant}/customers?pageSize=100"));
        Assert.Equal(6, page.Items.Length);
        Assert.Equal(DemoCustomers.Generate(6).Select(c => c.Profile.DisplayName).Order(), page.Items.Select(i => i.DisplayName).Order());
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
    public void Generate_SameSeed_GivesTheSameValidLookingCustomers()
    {
        var first = DemoCustomers.Generate(20);
        var second = DemoCustomers.Generate(20);

        Assert.Equal(first.Select(c => c.Profile.DisplayName), second.Select(c => c.Profile.DisplayName));
        Assert.All(first, c => Assert.Contains(c.Profile.Channels, ch => ch.Kind == ContactChannelKind.Email && ch.Value.EndsWith("@example.com")));
    }
}
