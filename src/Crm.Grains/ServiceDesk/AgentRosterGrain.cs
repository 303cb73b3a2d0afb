using Crm.Contracts.ServiceDesk;

namespace Crm.Grains.ServiceDesk;

/// <summary>
/// Who takes cases in a tenant and their open-case counts. One grain per tenant serialises picks, so two new cases
/// never both go to the same "least loaded" agent by racing. Counts change only through <see cref="TransferAsync"/>
/// and <see cref="PickAsync"/>, which case grains call once per assignment change.
/// </summary>
public sealed class AgentRosterGrain(
    [PersistentState("agent-roster", CrmStorage.Name)] IPersistentState<AgentRosterState> state,
    TimeProvider time) : Grain, IAgentRosterGrain
{
    public Task<ImmutableArray<AgentLoad>> ListAsync() =>
        Task.FromResult(state.State.Agents.Values.OrderBy(a => a.Username, StringComparer.Ordinal).ToImmutableArray());

    public async Task<AgentLoad> SetAvailabilityAsync(string username, bool available)
    {
        var agent = Get(username) with { Available = available };
        await SaveAsync(state.State with { Agents = state.State.Agents.SetItem(username, agent) });
        return agent;
    }

    public async Task<string?> PickAsync(AssignmentMode mode)
    {
        var available = state.State.Agents.Values.Where(a => a.Available).OrderBy(a => a.Username, StringComparer.Ordinal).ToList();
        if (available.Count == 0 || mode == AssignmentMode.Manual)
        {
            return null;
        }

        var pick = mode == AssignmentMode.RoundRobin
            ? available.FirstOrDefault(a => string.CompareOrdinal(a.Username, state.State.LastRoundRobin) > 0) ?? available[0]
            : available.OrderBy(a => a.OpenCases).ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue).First();
        var updated = pick with { OpenCases = pick.OpenCases + 1, LastAssignedAt = time.GetUtcNow() };
        await SaveAsync(state.State with
        {
            Agents = state.State.Agents.SetItem(pick.Username, updated),
            LastRoundRobin = mode == AssignmentMode.RoundRobin ? pick.Username : state.State.LastRoundRobin,
        });
        return pick.Username;
    }

    public async Task TransferAsync(string? from, string? to)
    {
        if (from == to)
        {
            return;
        }

        var agents = state.State.Agents;
        if (from is not null)
        {
            var agent = Get(from);
            agents = agents.SetItem(from, agent with { OpenCases = Math.Max(0, agent.OpenCases - 1) });
        }

        if (to is not null)
        {
            var agent = Get(to);
            agents = agents.SetItem(to, agent with { OpenCases = agent.OpenCases + 1, LastAssignedAt = time.GetUtcNow() });
        }

        await SaveAsync(state.State with { Agents = agents });
    }

    private AgentLoad Get(string username) =>
        state.State.Agents.TryGetValue(username, out var agent) ? agent : new AgentLoad(username, false, 0, null);

    private async Task SaveAsync(AgentRosterState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }
}
