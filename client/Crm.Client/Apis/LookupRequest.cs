using Crm.Contracts.Customers;

namespace Crm.Client.Apis;

/// <summary>An exact-match search by email or phone; sent in the body so the value never lands in URLs, logs or traces.</summary>
public sealed record LookupRequest(ContactChannelKind Kind, [property: System.ComponentModel.DataAnnotations.MaxLength(Crm.Domain.Customers.ProfileRules.MaxChannelValueLength)] string? Value);
