using System.ComponentModel.DataAnnotations;
using Crm.Contracts.Common;
using Crm.Domain.Customers;

namespace Crm.Contracts.Customers;

/// <summary>
/// The editable part of a customer, as sent on create and update. Parameter order is for callers; the wire
/// format is fixed by the field ids. Collections compare by reference: compare their items.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customers.profile")]
public sealed record CustomerProfile(
    [property: Id(0), MaxLength(ProfileRules.MaxNameLength)] string DisplayName,
    [property: Id(1), MaxLength(ProfileRules.MaxChannels)] ImmutableArray<ContactChannel> Channels,
    [property: Id(4), MaxLength(ProfileRules.MaxTags), ItemMaxLength(ProfileRules.MaxTagLength)] ImmutableArray<string> Tags,
    [property: Id(2)] CustomerTier Tier = CustomerTier.Standard,
    [property: Id(3), MaxLength(ProfileRules.MaxSegmentLength)] string? Segment = null,
    [property: Id(5)] ConsentFlags? Consent = null,
    [property: Id(6), MaxLength(ProfileRules.MaxExternalRefLength)] string? ExternalRef = null);
