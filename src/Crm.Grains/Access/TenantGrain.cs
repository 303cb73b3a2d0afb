using Crm.Contracts.Access;
using Crm.Domain.Customers;
using Crm.Domain.Localization;

namespace Crm.Grains.Access;

public sealed class TenantGrain(
    [PersistentState("tenant", CrmStorage.Name)] IPersistentState<TenantState> state,
    IGrainFactory grains,
    TimeProvider time) : Grain, ITenantGrain
{
    private const int MaxNameLength = Crm.Domain.Access.AccountRules.MaxTenantNameLength;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantInfo> CreateAsync(string name, string actor)
    {
        var problems = new List<FieldError>();
        if (!Identifiers.IsTenantId(TenantId))
        {
            problems.Add(new("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'."));
        }

        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            problems.Add(new("name", $"A name of 1-{MaxNameLength} characters is required."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }

        if (state.State.Info is not null)
        {
            throw new ConflictException($"Tenant '{TenantId}' already exists.");
        }

        var info = new TenantInfo(TenantId, trimmed!, time.GetUtcNow());
        state.State = state.State with { Info = info };
        await state.WriteStateAsync();
        await grains.GetGrain<ITenantRegistryGrain>(0).RegisterAsync(info);
        return info;
    }

    public async Task<TenantInfo?> GetAsync()
    {
        if (state.State.Info is { } info)
        {
            // Repairs the registry if the last create stopped between the two writes; the registry is idempotent.
            await grains.GetGrain<ITenantRegistryGrain>(0).RegisterAsync(info);
        }

        return state.State.Info;
    }

    public Task<string?> GetLanguageAsync() => Task.FromResult(state.State.Info?.Language);

    public async Task<TenantInfo> SetLanguageAsync(string? language, string actor)
    {
        var info = state.State.Info ?? throw new NotFoundException($"No tenant '{TenantId}'.");
        var normalized = Languages.Normalize(language);
        if (language is not null && normalized is null)
        {
            throw new ValidationFailedException([new FieldError("language", Languages.Rule)]);
        }

        if (info.Language != normalized)
        {
            info = info with { Language = normalized };
            state.State = state.State with { Info = info };
            await state.WriteStateAsync();
            await grains.GetGrain<ITenantRegistryGrain>(0).RegisterAsync(info);
        }

        return info;
    }

    public Task<string> GetPhoneRegionAsync() => Task.FromResult(state.State.Info?.PhoneRegion ?? PhoneRegions.Default);

    public async Task<TenantInfo> SetPhoneRegionAsync(string? region, string actor)
    {
        var info = state.State.Info ?? throw new NotFoundException($"No tenant '{TenantId}'.");
        var normalized = PhoneRegions.Normalize(region);
        if (region is not null && normalized is null)
        {
            throw new ValidationFailedException([new FieldError("region", PhoneRegions.Rule)]);
        }

        if (info.PhoneRegion != normalized)
        {
            info = info with { PhoneRegion = normalized };
            state.State = state.State with { Info = info };
            await state.WriteStateAsync();
            await grains.GetGrain<ITenantRegistryGrain>(0).RegisterAsync(info);
        }

        return info;
    }

    public async Task AddMemberAsync(string username)
    {
        if (state.State.Info is null)
        {
            throw new NotFoundException($"No tenant '{TenantId}'.");
        }

        if (!state.State.Members.Contains(username))
        {
            state.State = state.State with { Members = state.State.Members.Add(username) };
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveMemberAsync(string username)
    {
        if (state.State.Members.Contains(username))
        {
            state.State = state.State with { Members = state.State.Members.Remove(username) };
            await state.WriteStateAsync();
        }
    }

    public async Task<ImmutableArray<UserView>> ListMembersAsync()
    {
        if (state.State.Info is null)
        {
            throw new NotFoundException($"No tenant '{TenantId}'.");
        }

        var users = await Task.WhenAll(state.State.Members.Select(u => grains.GetGrain<IUserGrain>(u).GetAsync()));
        return [.. users.Where(u => u is not null && u.Memberships.Any(m => m.TenantId == TenantId)).Select(u => u!)];
    }
}
