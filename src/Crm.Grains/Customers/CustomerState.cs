using Crm.Contracts.Customers;

namespace Crm.Grains.Customers;

/// <summary>
/// What a customer grain persists. The archive's entries live in their own table; the state keeps only its
/// head (<see cref="ArchiveCount"/>), so it does not grow with the history.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customers.state")]
public sealed record CustomerState
{
    [Id(0)] public CustomerProfile? Profile { get; init; }
    [Id(1)] public long Version { get; init; }
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
    [Id(3)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(4)] public long ArchiveCount { get; init; }
    [Id(5)] public DateTimeOffset? LastInteractionAt { get; init; }

    /// <summary>The last version the directory index confirmed; carried on the next write rather than costing one.</summary>
    [Id(6)] public long IndexedVersion { get; init; }

    /// <summary>
    /// Email and phone values removed from the profile whose lookup rows may still exist; kept until the index
    /// confirms their removal, so a retry or the next activation can delete them.
    /// </summary>
    [Id(7)] public ImmutableArray<ContactChannel> PendingLookupRemovals { get; init; } = [];

    /// <summary>When the personal data was erased on request; the profile holds none from then on.</summary>
    [Id(8)] public DateTimeOffset? ErasedAt { get; init; }

    /// <summary>Set with <see cref="ErasedAt"/> and cleared once every archive row is redacted; activation finishes what a crash left.</summary>
    [Id(9)] public bool ErasurePending { get; init; }

    /// <summary>The last event sequence each case delivered into the archive, so a repeated delivery is dropped.</summary>
    [Id(10)] public ImmutableDictionary<string, long> CaseSequences { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>
    /// The latest survey events put in the archive (at most <see cref="CustomerGrain.SurveyEventsKept"/>), so a repeated
    /// delivery is dropped. Repeats only come from a survey batch applied again after a crash, which is never more
    /// than one batch (at most 500 responses) back, so a bounded window keeps the state small however many surveys a customer answers.
    /// </summary>
    [Id(11)] public ImmutableArray<string> SurveyEvents { get; init; } = [];

    public bool Exists => Profile is not null;

    public bool Erased => ErasedAt is not null;
}
