using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

/// <summary>No personal value reaches table storage in plaintext: grain state, archive, directory and lookup rows alike.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RawRowsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CreateAndNote_EveryRowOfEveryTable_HoldsNoPersonalValue()
    {
        var person = DistinctPerson.Create();
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey());
        await customer.CreateAsync(person.Profile(), "agent-1");
        await customer.AppendArchiveAsync(
            new NewArchiveEntry(ArchiveEntryKind.Note, $"Customer {person.Name} asked for a call back on {person.PhoneFormatted}", Detail: $"Ship to {person.Address}, mail {person.Email}"),
            "agent-1");

        // The values are really there, read back through the grain.
        Assert.Equal(person.Name, (await customer.GetAsync())!.Profile.DisplayName);
        Assert.Contains(person.Name, (await customer.GetArchiveAsync(10, null)).Entries[0].Summary);

        await RawRows.AssertNoneContainsAsync(fixture.Tables, person.Values);
    }
}
