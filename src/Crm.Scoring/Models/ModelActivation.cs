namespace Crm.Scoring.Models;

/// <summary>
/// Which version of a tenant's model is active, and the versions that were active before it (most recent last), so
/// a roll-back returns to the previous one. Pure: the store only reads and writes it.
/// </summary>
public sealed record ModelActivation(int? Active, IReadOnlyList<int> Previous, DateTimeOffset? ChangedAt, string? ChangedBy)
{
    public static ModelActivation None { get; } = new(null, [], null, null);

    public ModelActivation Activate(int version, DateTimeOffset at, string by) => Active == version
        ? this
        : new ModelActivation(version, Active is { } current ? [.. Previous, current] : Previous, at, by);

    /// <summary>Returns to the version active before this one; null when there is none to return to.</summary>
    public ModelActivation? RollBack(DateTimeOffset at, string by) => Previous.Count == 0
        ? null
        : new ModelActivation(Previous[^1], [.. Previous.Take(Previous.Count - 1)], at, by);
}
