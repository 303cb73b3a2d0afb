using Crm.Contracts.Access;

namespace Crm.Grains.Access;

/// <summary>Every tenant in one small state: a deployment has tens to hundreds of contracts, not millions.</summary>
public sealed class TenantRegistryGrain(
    [PersistentState("tenants", CrmStorage.Name)] IPersistentState<TenantRegistryState> state) : Grain, ITenantRegistryGrain
{
    public async Task RegisterAsync(TenantInfo tenant)
    {
        if (!state.State.Tenants.TryGetValue(tenant.TenantId, out var known) || known != tenant)
        {
            state.State = state.State with { Tenants = state.State.Tenants.SetItem(tenant.TenantId, tenant) };
            await state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<TenantInfo>> ListAsync() => Task.FromResult(state.State.Tenants.Values.ToImmutableArray());
}
