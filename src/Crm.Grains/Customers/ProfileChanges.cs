using Crm.Contracts.Customers;

namespace Crm.Grains.Customers;

/// <summary>Names the fields that differ between two profiles, for the archive entry of an update.</summary>
internal static class ProfileChanges
{
    public static IReadOnlyList<string> Between(CustomerProfile before, CustomerProfile after)
    {
        var changed = new List<string>();
        if (before.DisplayName != after.DisplayName) changed.Add("displayName");
        if (!before.Channels.SequenceEqual(after.Channels)) changed.Add("channels");
        if (before.Tier != after.Tier) changed.Add("tier");
        if (before.Segment != after.Segment) changed.Add("segment");
        if (!before.Tags.SequenceEqual(after.Tags)) changed.Add("tags");
        if (before.Consent != after.Consent) changed.Add("consent");
        if (before.ExternalRef != after.ExternalRef) changed.Add("externalRef");
        return changed;
    }
}
