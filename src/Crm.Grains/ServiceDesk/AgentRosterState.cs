using Crm.Contracts.ServiceDesk;

namespace Crm.Grains.ServiceDesk;

[GenerateSerializer, Immutable, Alias("crm.service-desk.agent-roster-state")]
public sealed record AgentRosterState
{
    [Id(0)] public ImmutableDictionary<string, AgentLoad> Agents { get; init; } = ImmutableDictionary<string, AgentLoad>.Empty;

    /// <summary>The agent round robin gave the last case to; the next one in name order is next.</summary>
    [Id(1)] public string? LastRoundRobin { get; init; }
}
