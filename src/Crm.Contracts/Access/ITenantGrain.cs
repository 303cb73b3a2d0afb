namespace Crm.Contracts.Access;

/// <summary>One tenant, keyed by tenant id: its name and the usernames that belong to it.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; an existing id is a conflict.</summary>
    Task<TenantInfo> CreateAsync(string name, string actor);

    Task<TenantInfo?> GetAsync();

    /// <summary>The tenant's default language, read on requests of users who chose none; null when unset or no tenant.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<string?> GetLanguageAsync();

    /// <summary>Sets the default language ("en" or "zh-CN"; null: each browser's own).</summary>
    Task<TenantInfo> SetLanguageAsync(string? language, string actor);

    /// <summary>The region phone numbers typed without '+' belong to: the tenant's, or the product's default.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<string> GetPhoneRegionAsync();

    /// <summary>Sets the default phone region (a two-letter country code; null: the product's default).</summary>
    Task<TenantInfo> SetPhoneRegionAsync(string? region, string actor);

    /// <summary>Records that the user belongs here; the tenant must exist. Idempotent.</summary>
    Task AddMemberAsync(string username);

    Task RemoveMemberAsync(string username);

    /// <summary>The members, verified against each user's own memberships.</summary>
    Task<ImmutableArray<UserView>> ListMembersAsync();
}

/// <summary>The list of every tenant, for platform operators; keyed 0.</summary>
public interface ITenantRegistryGrain : IGrainWithIntegerKey
{
    Task RegisterAsync(TenantInfo tenant);

    Task<ImmutableArray<TenantInfo>> ListAsync();
}
