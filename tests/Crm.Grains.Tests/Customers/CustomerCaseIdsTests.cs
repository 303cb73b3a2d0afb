using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Grains.Tests.Cases;

namespace Crm.Grains.Tests.Customers;

/// <summary>A customer's grain knows its cases (every case writes into the archive), and only its own tenant's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerCaseIdsTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ListCaseIdsAsync_HoldsEveryCaseOfTheCustomer_AndNeverAnotherTenantsCaseOfTheSameCustomerId()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var other = await CaseDesk.CreateAsync(fixture.Client);
        // The same customer id in another tenant: a different grain, whose cases must not leak into this one's list.
        var twin = fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(other.TenantId, desk.CustomerId));
        await twin.CreateAsync(CustomerBuilder.Profile("Twin"), "setup");
        var first = await desk.OpenAsync(desk.Report(subject: "Parcel lost"));
        var second = await desk.OpenAsync(desk.Report(subject: "Refund late"));
        var elsewhere = await other.OpenAsync(other.Report(subject: "Other tenant's case", customerId: desk.CustomerId));

        var ids = await CaseDesk.EventuallyAsync(() => desk.Customer().ListCaseIdsAsync(), l => l.Length >= 2, Wait);
        var twins = await CaseDesk.EventuallyAsync(() => twin.ListCaseIdsAsync(), l => l.Length >= 1, Wait);

        Assert.Equal(new[] { first.CaseId, second.CaseId }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        // As a sequence: an ImmutableArray's own Equals compares the arrays' references, not their items.
        Assert.Equal([elsewhere.CaseId], twins.AsEnumerable());
    }
}
