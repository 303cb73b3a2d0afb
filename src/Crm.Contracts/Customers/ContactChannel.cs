using System.ComponentModel.DataAnnotations;
using Crm.Domain.Customers;

namespace Crm.Contracts.Customers;

public enum ContactChannelKind
{
    Email = 0,
    Phone = 1,
    Chat = 2,
    PostalAddress = 3,
}

/// <summary>One way to reach the customer; <see cref="Preferred"/> marks the one agents try first.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.contact-channel")]
public sealed record ContactChannel(
    [property: Id(0)] ContactChannelKind Kind,
    [property: Id(1), MaxLength(ProfileRules.MaxChannelValueLength)] string Value,
    [property: Id(2)] bool Preferred = false);
