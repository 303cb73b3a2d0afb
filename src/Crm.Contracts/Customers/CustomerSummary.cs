namespace Crm.Contracts.Customers;

/// <summary>One row of the customer list: enough to show and open a customer without activating its grain.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.summary")]
public sealed record CustomerSummary(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] CustomerTier Tier,
    [property: Id(4)] string? Segment,
    [property: Id(5)] ImmutableArray<string> Tags,
    [property: Id(6)] string? PreferredContact,
    [property: Id(7)] DateTimeOffset UpdatedAt);

[GenerateSerializer, Immutable, Alias("crm.customers.summary-page")]
public sealed record CustomerSummaryPage(
    [property: Id(0)] ImmutableArray<CustomerSummary> Items,
    [property: Id(1)] string? ContinuationToken);
