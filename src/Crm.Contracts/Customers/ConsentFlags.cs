namespace Crm.Contracts.Customers;

/// <summary>What the customer agreed to; survey campaigns must only reach customers with <see cref="Surveys"/>.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.consent")]
public sealed record ConsentFlags(
    [property: Id(0)] bool Marketing = false,
    [property: Id(1)] bool Surveys = false);
