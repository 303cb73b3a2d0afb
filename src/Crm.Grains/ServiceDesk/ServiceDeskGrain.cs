using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.ServiceDesk;

/// <summary>
/// A tenant's service-desk configuration. SLA policies are never changed in place: each save appends a version, and
/// cases copy the version in force when they open, so a policy change never moves an open case's deadlines.
/// </summary>
public sealed class ServiceDeskGrain(
    [PersistentState("service-desk", CrmStorage.Name)] IPersistentState<ServiceDeskState> state,
    TimeProvider time) : Grain, IServiceDeskGrain
{
    public const int DefaultReopenWindowDays = 7;
    public const int MaxReopenWindowDays = 365;
    public const int MaxMacros = 200;
    public const int MaxMacroTitle = CaseText.MaxMacroTitle;
    public const int MaxMacroBody = CaseText.MaxMacroBody;

    private static readonly SlaPolicyView DefaultPolicy = SlaPolicyMapping.ToView(SlaPolicy.Default, null, null);

    public Task<ServiceDeskSettings> GetSettingsAsync() => Task.FromResult(Settings());

    public Task<CaseIntakeSettings> GetIntakeAsync() => Task.FromResult(new CaseIntakeSettings(Settings(), Policies()[^1]));

    public async Task<ServiceDeskSettings> UpdateSettingsAsync(ServiceDeskSettingsInput input, long? expectedVersion, string actor)
    {
        RequireTenant();
        var (categories, problems) = CaseCategories.Normalize(input.Categories.IsDefault ? null : input.Categories);
        var errors = problems.Select(p => new FieldError(p.Field, p.Message)).ToList();
        if (input.ReopenWindowDays is < 1 or > MaxReopenWindowDays)
        {
            errors.Add(new("reopenWindowDays", $"Between 1 and {MaxReopenWindowDays} days."));
        }

        if (!Enum.IsDefined(input.Assignment))
        {
            errors.Add(new("assignment", "One of manual, leastLoaded, roundRobin."));
        }

        ThrowIfAny(errors);
        if (expectedVersion is { } expected && expected != state.State.Version)
        {
            throw new PreconditionFailedException($"The settings are at version {state.State.Version}, not {expected}: reload and apply your change again.");
        }

        state.State = state.State with
        {
            Categories = [.. categories],
            ReopenWindowDays = input.ReopenWindowDays,
            Assignment = input.Assignment,
            AcknowledgeOnFirstReply = input.AcknowledgeOnFirstReply ?? state.State.AcknowledgeOnFirstReply,
            Version = state.State.Version + 1,
        };
        await state.WriteStateAsync();
        return Settings();
    }

    public Task<SlaPolicyView> GetSlaPolicyAsync(int? version = null)
    {
        var policies = Policies();
        if (version is null)
        {
            return Task.FromResult(policies[^1]);
        }

        return policies.FirstOrDefault(p => p.Version == version) is { } found
            ? Task.FromResult(found)
            : throw new NotFoundException($"SLA policy version {version} does not exist; the current one is {policies[^1].Version}.");
    }

    public Task<ImmutableArray<SlaPolicyView>> ListSlaPoliciesAsync() => Task.FromResult(Policies());

    public async Task<SlaPolicyView> UpdateSlaPolicyAsync(SlaPolicyInput input, string actor)
    {
        RequireTenant();
        var current = Policies()[^1];
        var policy = new SlaPolicy
        {
            Version = current.Version + 1,
            FirstResponse = input.FirstResponse,
            Resolution = input.Resolution,
            MajorResolution = input.MajorResolution,
            WarningShare = input.WarningShare,
            Calendar = SlaPolicyMapping.ToDomain(input.Calendar),
        };
        ThrowIfAny(SlaPolicyRules.Validate(policy).Select(p => new FieldError(p.Field, p.Message)));
        var view = SlaPolicyMapping.ToView(policy, time.GetUtcNow(), actor);

        // Keeps the default as version 1 in the history, so cases opened under it still find it.
        var history = state.State.Policies.IsEmpty ? [DefaultPolicy] : state.State.Policies;
        state.State = state.State with { Policies = history.Add(view) };
        await state.WriteStateAsync();
        return view;
    }

    public Task<ImmutableArray<CaseMacro>> ListMacrosAsync() => Task.FromResult(state.State.Macros);

    public async Task<CaseMacro> SaveMacroAsync(string? macroId, MacroInput input, string actor)
    {
        RequireTenant();
        var errors = new List<FieldError>();
        if (macroId is not null && !Identifiers.IsEntityId(macroId))
        {
            errors.Add(new("macroId", "A macro id is 1-64 letters, digits, '-' or '_'."));
        }

        if (CaseText.Check("title", input.Title, MaxMacroTitle) is { } title)
        {
            errors.Add(new(title.Field, title.Message));
        }

        if ((CaseText.Check("body", input.Body, MaxMacroBody) ?? MacroPlaceholders.Check("body", input.Body)) is { } body)
        {
            errors.Add(new(body.Field, body.Message));
        }

        ThrowIfAny(errors);
        var now = time.GetUtcNow();
        var macros = state.State.Macros;
        var existing = macroId is null ? -1 : IndexOf(macros, macroId);
        if (macroId is not null && existing < 0)
        {
            throw new NotFoundException($"No macro '{macroId}'.");
        }

        if (existing < 0 && macros.Length >= MaxMacros)
        {
            throw new ConflictException($"A tenant has at most {MaxMacros} macros; delete one first.");
        }

        var macro = new CaseMacro(macroId ?? Identifiers.NewId(now), input.Title.Trim(), input.Body.Trim(), now, actor);
        state.State = state.State with { Macros = existing < 0 ? macros.Add(macro) : macros.SetItem(existing, macro) };
        await state.WriteStateAsync();
        return macro;
    }

    public async Task DeleteMacroAsync(string macroId, string actor)
    {
        var index = IndexOf(state.State.Macros, macroId);
        if (index < 0)
        {
            throw new NotFoundException($"No macro '{macroId}'.");
        }

        state.State = state.State with { Macros = state.State.Macros.RemoveAt(index) };
        await state.WriteStateAsync();
    }

    private static int IndexOf(ImmutableArray<CaseMacro> macros, string macroId)
    {
        for (var i = 0; i < macros.Length; i++)
        {
            if (macros[i].MacroId == macroId)
            {
                return i;
            }
        }

        return -1;
    }

    private ImmutableArray<SlaPolicyView> Policies() => state.State.Policies.IsEmpty ? [DefaultPolicy] : state.State.Policies;

    private ServiceDeskSettings Settings() => new(
        state.State.Categories ?? [.. CaseCategories.Defaults],
        state.State.ReopenWindowDays,
        state.State.Assignment,
        state.State.Version,
        state.State.AcknowledgeOnFirstReply);

    private void RequireTenant()
    {
        if (!Identifiers.IsTenantId(this.GetPrimaryKeyString()))
        {
            ThrowIfAny([new FieldError("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'.")]);
        }
    }

    private static void ThrowIfAny(IEnumerable<FieldError> errors)
    {
        var list = errors.ToImmutableArray();
        if (list.Length > 0)
        {
            throw new ValidationFailedException(list);
        }
    }
}
