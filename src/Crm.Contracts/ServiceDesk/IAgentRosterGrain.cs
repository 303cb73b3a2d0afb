namespace Crm.Contracts.ServiceDesk;

/// <summary>One agent's standing in automatic assignment.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.agent-load")]
public sealed record AgentLoad(
    [property: Id(0)] string Username,
    [property: Id(1)] bool Available,
    [property: Id(2)] int OpenCases,
    [property: Id(3)] DateTimeOffset? LastAssignedAt);

/// <summary>
/// Who of a tenant (keyed by tenant id) takes cases now and how many open cases each holds; automatic assignment
/// picks from it. Case grains report each assignment change exactly once.
/// </summary>
public interface IAgentRosterGrain : IGrainWithStringKey
{
    Task<ImmutableArray<AgentLoad>> ListAsync();

    Task<AgentLoad> SetAvailabilityAsync(string username, bool available);

    /// <summary>Picks an available agent by <paramref name="mode"/> and counts the case to them; null when none is.</summary>
    Task<string?> PickAsync(AssignmentMode mode);

    /// <summary>Moves one open case from <paramref name="from"/> to <paramref name="to"/> (either may be null).</summary>
    Task TransferAsync(string? from, string? to);
}
