namespace Crm.Storage.AzureTables.Tests.Cluster;

/// <summary>A minimal persistent grain, to drive the provider through the Orleans runtime.</summary>
public interface INoteGrain : IGrainWithStringKey
{
    Task SaveAsync(string text);

    Task<NoteState> GetAsync();
}

[GenerateSerializer, Immutable, Alias("crm.tests.note-state")]
public sealed record NoteState
{
    [Id(0)] public string Text { get; init; } = string.Empty;
    [Id(1)] public int Saves { get; init; }
}

/// <summary>Uses the default storage, which the test clusters bind to our provider.</summary>
public sealed class NoteGrain([PersistentState("state")] IPersistentState<NoteState> state) : Grain, INoteGrain
{
    public async Task SaveAsync(string text)
    {
        state.State = state.State with { Text = text, Saves = state.State.Saves + 1 };
        await state.WriteStateAsync();
    }

    public Task<NoteState> GetAsync() => Task.FromResult(state.State);
}
