namespace Crm.Domain.Customers;

public sealed record ChannelInput(ChannelKind Kind, string? Value, bool Preferred);

/// <summary>A profile as the caller sent it, before validation; collections may be null.</summary>
public sealed record ProfileInput(
    string? DisplayName,
    IReadOnlyList<ChannelInput>? Channels,
    string? Segment,
    IReadOnlyList<string?>? Tags,
    string? ExternalRef);

/// <summary>A profile that passed the rules: trimmed, normalised, de-duplicated.</summary>
public sealed record NormalizedProfile(
    string DisplayName,
    IReadOnlyList<ChannelInput> Channels,
    string? Segment,
    IReadOnlyList<string> Tags,
    string? ExternalRef);
