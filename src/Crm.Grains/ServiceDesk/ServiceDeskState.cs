using Crm.Contracts.ServiceDesk;

namespace Crm.Grains.ServiceDesk;

/// <summary>What a tenant's service-desk grain persists; empty means the contract's defaults.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.state")]
public sealed record ServiceDeskState
{
    /// <summary>Every SLA policy version saved, oldest first; empty until the first change (version 1 is the default).</summary>
    [Id(0)] public ImmutableArray<SlaPolicyView> Policies { get; init; } = [];

    /// <summary>Null until the tenant sets its own.</summary>
    [Id(1)] public ImmutableArray<string>? Categories { get; init; }

    [Id(2)] public int ReopenWindowDays { get; init; } = ServiceDeskGrain.DefaultReopenWindowDays;

    [Id(3)] public AssignmentMode Assignment { get; init; } = AssignmentMode.Manual;

    [Id(4)] public long Version { get; init; }

    [Id(5)] public ImmutableArray<CaseMacro> Macros { get; init; } = [];

    /// <summary>True until the tenant turns it off: a plain reply to a new case acknowledges it.</summary>
    [Id(6)] public bool AcknowledgeOnFirstReply { get; init; } = true;
}
