using Crm.Contracts.Access;
using Crm.Contracts.Common;
using static Crm.Grains.Tests.Access.AccessBuilder;

namespace Crm.Grains.Tests.Access;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Create_ThenGet_ReadsBackAndTheRegistryListsIt()
    {
        var tenantId = NewTenantId();
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);

        var created = await tenant.CreateAsync("  Acme Mall  ", "op");

        // The registry first: GetAsync repairs it, so reading the tenant first would hide a create that skipped it.
        Assert.Contains(created, await fixture.Client.GetGrain<ITenantRegistryGrain>(0).ListAsync());
        Assert.Equal((tenantId, "Acme Mall"), (created.TenantId, created.Name));
        Assert.Equal(created, await tenant.GetAsync());
        Assert.Empty(await tenant.ListMembersAsync());
    }

    [Fact]
    public async Task Create_Twice_IsConflictAndKeepsTheFirstName()
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>(NewTenantId());
        await tenant.CreateAsync("First", "op");

        await Assert.ThrowsAsync<ConflictException>(() => tenant.CreateAsync("Second", "op"));

        Assert.Equal("First", (await tenant.GetAsync())!.Name);
    }

    [Theory]
    [InlineData("Bad Id")]
    [InlineData("-leading")]
    [InlineData("UPPER")]
    public async Task Create_BadId_NamesTenantIdAndStoresNothing(string tenantId)
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);

        await AssertInvalidAsync(() => tenant.CreateAsync("Acme", "op"), "tenantId");

        Assert.Null(await tenant.GetAsync());
        Assert.DoesNotContain(tenantId, (await fixture.Client.GetGrain<ITenantRegistryGrain>(0).ListAsync()).Select(t => t.TenantId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_EmptyName_NamesNameAndStoresNothing(string name)
    {
        var tenantId = NewTenantId();
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);

        await AssertInvalidAsync(() => tenant.CreateAsync(name, "op"), "name");

        Assert.Null(await tenant.GetAsync());
        Assert.DoesNotContain(tenantId, (await fixture.Client.GetGrain<ITenantRegistryGrain>(0).ListAsync()).Select(t => t.TenantId));
    }

    [Fact]
    public async Task Get_Unknown_IsNull() =>
        Assert.Null(await fixture.Client.GetGrain<ITenantGrain>(NewTenantId()).GetAsync());

    [Fact]
    public async Task UnknownTenant_AddMemberAndListMembers_AreNotFound()
    {
        var tenant = fixture.Client.GetGrain<ITenantGrain>(NewTenantId());

        await Assert.ThrowsAsync<NotFoundException>(() => tenant.AddMemberAsync(NewUsername()));
        await Assert.ThrowsAsync<NotFoundException>(() => tenant.ListMembersAsync());
        Assert.Null(await tenant.GetAsync());
    }

    [Fact]
    public async Task ListMembers_UsernameWithoutTheMembership_IsNotListed()
    {
        var tenantId = await CreateTenantAsync(fixture.Client);
        var other = await CreateTenantAsync(fixture.Client);
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        var member = NewUsername();
        var elsewhere = NewUsername();
        await fixture.Client.GetGrain<IUserGrain>(member).CreateAsync(User(tenantId), "op");
        await fixture.Client.GetGrain<IUserGrain>(elsewhere).CreateAsync(User(other), "op");

        // What a stale index looks like: a user that exists but belongs elsewhere, and a user that does not exist.
        await tenant.AddMemberAsync(elsewhere);
        await tenant.AddMemberAsync(NewUsername());
        await tenant.AddMemberAsync(member);

        var listed = await tenant.ListMembersAsync();
        Assert.Equal(member, Assert.Single(listed).Username);
    }

    [Fact]
    public async Task ListMembers_WhileRolesChange_DoesNotDeadlock()
    {
        // The user grain calls the tenant (AddMember) while the tenant calls the user (Get): neither may wait on the other.
        var tenantId = await CreateTenantAsync(fixture.Client);
        var tenant = fixture.Client.GetGrain<ITenantGrain>(tenantId);
        var username = NewUsername();
        var user = fixture.Client.GetGrain<IUserGrain>(username);
        await user.CreateAsync(User(tenantId), "op");

        var work = Enumerable.Range(0, 20).SelectMany(i => new[]
        {
            (Task)user.SetRolesAsync(tenantId, [i % 2 == 0 ? Role.Analyst : Role.Agent], "op"),
            tenant.ListMembersAsync(),
        });
        var all = Task.WhenAll(work);

        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20))));
        await all;
        Assert.Equal(username, Assert.Single(await tenant.ListMembersAsync()).Username);
    }
}
