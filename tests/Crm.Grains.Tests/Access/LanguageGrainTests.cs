using Crm.Contracts.Access;
using Crm.Contracts.Common;
using static Crm.Grains.Tests.Access.AccessBuilder;

namespace Crm.Grains.Tests.Access;

/// <summary>A user's own language and a tenant's default: stored, normalised, refused when unknown, kept across activations.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LanguageGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SetLanguage_User_IsInTheSessionAndKeptAcrossActivations()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = fixture.Client.GetGrain<IUserGrain>(NewUsername());
        await user.CreateAsync(User(tenant), "op");
        var stamp = (await user.SignInAsync(Password)).Stamp!;
        Assert.Null((await user.GetSessionAsync(stamp))!.Language);

        var view = await user.SetLanguageAsync("zh-cn");

        Assert.Equal("zh-CN", view.Language);
        await fixture.Cluster.DeactivateAsync(user);
        Assert.Equal("zh-CN", (await user.GetSessionAsync(stamp))!.Language);
        Assert.Null((await user.SetLanguageAsync(null)).Language);
    }

    [Fact]
    public async Task SetLanguage_UnknownLanguage_IsRefusedAndNothingChanges()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = fixture.Client.GetGrain<IUserGrain>(NewUsername());
        await user.CreateAsync(User(tenant), "op");
        await user.SetLanguageAsync("en");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => user.SetLanguageAsync("fr"));

        Assert.Equal("language", Assert.Single(refused.Errors).Field);
        Assert.Equal("en", (await user.GetAsync())!.Language);
        await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.Client.GetGrain<ITenantGrain>(tenant).SetLanguageAsync("klingon", "op"));
    }

    [Fact]
    public async Task SetLanguage_Tenant_IsItsDefaultAndListed()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var grain = fixture.Client.GetGrain<ITenantGrain>(tenant);
        Assert.Null(await grain.GetLanguageAsync());

        await grain.SetLanguageAsync("zh-CN", "op");

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal("zh-CN", await grain.GetLanguageAsync());
        Assert.Equal("zh-CN", (await fixture.Client.GetGrain<ITenantRegistryGrain>(0).ListAsync()).Single(t => t.TenantId == tenant).Language);
        Assert.Null(await fixture.Client.GetGrain<ITenantGrain>("no-such-" + Guid.NewGuid().ToString("N")[..8]).GetLanguageAsync());
    }
}
