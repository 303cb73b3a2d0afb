using Crm.Contracts.Customers;
using Crm.Domain.Customers;

namespace Crm.Grains.Customers;

/// <summary>Translates between the wire profile and the domain rules' input and output.</summary>
internal static class ProfileMapping
{
    public static ProfileInput ToInput(CustomerProfile profile) => new(
        profile.DisplayName,
        profile.Channels.IsDefault ? null : profile.Channels.Select(c => c is null ? null! : new ChannelInput((ChannelKind)c.Kind, c.Value, c.Preferred)).ToList(),
        profile.Segment,
        profile.Tags.IsDefault ? null : profile.Tags,
        profile.ExternalRef);

    public static CustomerProfile ToProfile(NormalizedProfile normalized, CustomerProfile original) => new(
        normalized.DisplayName,
        normalized.Channels.Select(c => new ContactChannel((ContactChannelKind)c.Kind, c.Value!, c.Preferred)).ToImmutableArray(),
        normalized.Tags.ToImmutableArray(),
        original.Tier,
        normalized.Segment,
        original.Consent ?? new ConsentFlags(),
        normalized.ExternalRef);

    public static string? PreferredContact(CustomerProfile profile) =>
        (profile.Channels.FirstOrDefault(c => c.Preferred) ?? profile.Channels.FirstOrDefault())?.Value;

    public static CustomerSummary ToSummary(CustomerView view) => new(
        view.TenantId, view.CustomerId, view.Profile.DisplayName, view.Profile.Tier, view.Profile.Segment, view.Profile.Tags,
        PreferredContact(view.Profile), view.UpdatedAt);

    /// <summary>The channels the lookup index holds (emails and phones), without the preferred flag, which the index ignores.</summary>
    public static ImmutableArray<ContactChannel> LookupChannels(IEnumerable<ContactChannel> channels) =>
        [.. channels.Where(c => c.Kind is ContactChannelKind.Email or ContactChannelKind.Phone).Select(c => c with { Preferred = false }).Distinct()];
}
