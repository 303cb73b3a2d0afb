namespace Crm.Contracts.ServiceDesk;

/// <summary>
/// A tenant's service-desk configuration (keyed by tenant id): the versioned SLA policy, categories, the reopen
/// window, the assignment rule and canned replies. Every tenant starts with the contract's defaults.
/// </summary>
public interface IServiceDeskGrain : IGrainWithStringKey
{
    [Orleans.Concurrency.ReadOnly]
    Task<ServiceDeskSettings> GetSettingsAsync();

    /// <summary>What opening a case needs, in one call: the settings and the SLA policy in force.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<CaseIntakeSettings> GetIntakeAsync();

    /// <summary>With <paramref name="expectedVersion"/>, a stale version is a conflict.</summary>
    Task<ServiceDeskSettings> UpdateSettingsAsync(ServiceDeskSettingsInput input, long? expectedVersion, string actor);

    /// <summary>The policy in force, or the given version (not found when it never existed).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<SlaPolicyView> GetSlaPolicyAsync(int? version = null);

    /// <summary>Every version, oldest first.</summary>
    Task<ImmutableArray<SlaPolicyView>> ListSlaPoliciesAsync();

    /// <summary>Saves a new version; open cases keep theirs.</summary>
    Task<SlaPolicyView> UpdateSlaPolicyAsync(SlaPolicyInput input, string actor);

    Task<ImmutableArray<CaseMacro>> ListMacrosAsync();

    /// <summary>Creates (null id) or replaces a macro.</summary>
    Task<CaseMacro> SaveMacroAsync(string? macroId, MacroInput input, string actor);

    Task DeleteMacroAsync(string macroId, string actor);
}

[GenerateSerializer, Immutable, Alias("crm.service-desk.intake-settings")]
public sealed record CaseIntakeSettings([property: Id(0)] ServiceDeskSettings Settings, [property: Id(1)] SlaPolicyView Policy);
