using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

/// <summary>
/// Erasure on request removes every personal value (profile, archive text, lookup and directory rows, raw storage)
/// while the archive keeps its count, kinds, sequences and times, so reports stay correct.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerErasureTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ErasePersonalDataAsync_Customer_RemovesEveryPersonalValueAndKeepsTheArchiveShape()
    {
        var (tenant, customer, person) = await CreateWithNoteAsync();
        var key = customer.GetPrimaryKeyString();
        var before = (await customer.GetArchiveAsync(10, null)).Entries;

        var view = await customer.ErasePersonalDataAsync("dpo-1");

        Assert.True(view.Erased);
        Assert.NotNull(view.ErasedAt);
        Assert.Equal("Erased customer", view.Profile.DisplayName);
        Assert.Empty(view.Profile.Channels);
        Assert.Null(view.Profile.ExternalRef);
        Assert.Equal(CustomerTier.Gold, view.Profile.Tier);
        Assert.Equal(["vip"], view.Profile.Tags.AsEnumerable());
        Assert.Equal(new ConsentFlags(Marketing: true, Surveys: true), view.Profile.Consent);
        var read = (await customer.GetAsync())!;
        Assert.Equal((view.Version, view.ErasedAt, view.Profile.DisplayName, 0), (read.Version, read.ErasedAt, read.Profile.DisplayName, read.Profile.Channels.Length));

        var after = (await customer.GetArchiveAsync(10, null)).Entries;
        Assert.Equal(3, view.ArchiveCount);
        Assert.Equal([3L, 2L, 1L], after.Select(e => e.Sequence));
        Assert.Equal([ArchiveEntryKind.PersonalDataErased, ArchiveEntryKind.Note, ArchiveEntryKind.CustomerCreated], after.Select(e => e.Kind));
        Assert.Equal(before.Select(e => (e.Sequence, e.At, e.Kind, e.Actor, e.ReferenceId)), after.Skip(1).Select(e => (e.Sequence, e.At, e.Kind, e.Actor, e.ReferenceId)));
        Assert.All(after.Skip(1), e => Assert.Equal("(erased)", e.Summary));
        Assert.All(after, e => Assert.Null(e.Detail));
        Assert.Equal("dpo-1", after[0].Actor);

        Assert.Empty(await Lookup(tenant).FindAsync(ContactChannelKind.Email, person.Email));
        Assert.Empty(await Lookup(tenant).FindAsync(ContactChannelKind.Phone, person.PhoneNormalized));
        Assert.Equal(0, await RawRows.CountLookupRowsAsync(fixture.Tables, CustomerKey.Parse(key).CustomerId));
        var listed = Assert.Single((await fixture.Client.GetGrain<ICustomerDirectoryGrain>(tenant).ListAsync(10, null)).Items);
        Assert.Equal("Erased customer", listed.DisplayName);
        Assert.Null(listed.PreferredContact);

        await RawRows.AssertNoneContainsAsync(fixture.Tables, person.Values);

        // Gone, not merely encrypted: decrypted with the keys, no row holds them either.
        await RawRows.AssertNoneContainsAsync(fixture.Tables, ClusterFixture.TestProtector, person.Values);
    }

    [Fact]
    public async Task ErasePersonalDataAsync_Twice_IsIdempotent()
    {
        var (_, customer, _) = await CreateWithNoteAsync();
        var first = await customer.ErasePersonalDataAsync("dpo-1");

        var second = await customer.ErasePersonalDataAsync("dpo-2");

        Assert.Equal((first.Version, first.ErasedAt, first.ArchiveCount), (second.Version, second.ErasedAt, second.ArchiveCount));
        Assert.Equal("Erased customer", second.Profile.DisplayName);
        Assert.Equal(3, (await customer.GetArchiveAsync(10, null)).Entries.Length);
    }

    [Fact]
    public async Task AfterErasure_UpdateAndNotes_AreConflicts()
    {
        var (_, customer, person) = await CreateWithNoteAsync();
        await customer.ErasePersonalDataAsync("dpo-1");

        await Assert.ThrowsAsync<ConflictException>(() => customer.UpdateProfileAsync(person.Profile(), null, "agent-1"));
        await Assert.ThrowsAsync<ConflictException>(() => customer.AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, "hello"), "agent-1"));
        Assert.Equal(3, (await customer.GetAsync())!.ArchiveCount);
    }

    [Fact]
    public async Task ErasePersonalDataAsync_UnknownCustomer_IsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey()).ErasePersonalDataAsync("dpo-1"));
    }

    [Fact]
    public async Task AppendArchiveAsync_ErasureKind_IsRefused()
    {
        var (_, customer, _) = await CreateWithNoteAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            customer.AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.PersonalDataErased, "sneaky text"), "agent-1"));

        Assert.Equal("kind", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task ErasePersonalDataAsync_RedactionFails_ProfileIsErasedAndActivationFinishesRedaction()
    {
        var (tenant, customer, person) = await CreateWithNoteAsync();
        fixture.Archive.FailRedaction(tenant);

        await Assert.ThrowsAnyAsync<IOException>(() => customer.ErasePersonalDataAsync("dpo-1"));

        // Marked first: nothing personal is served even though the archive rows are not yet redacted.
        Assert.True((await customer.GetAsync())!.Erased);
        await fixture.Cluster.DeactivateAsync(customer);
        fixture.Archive.Heal(tenant);

        var entries = (await customer.GetArchiveAsync(10, null)).Entries;

        Assert.All(entries.Skip(1), e => Assert.Equal("(erased)", e.Summary));
        await RawRows.AssertNoneContainsAsync(fixture.Tables, person.Values);

        // Gone, not merely encrypted: decrypted with the keys, no row holds them either.
        await RawRows.AssertNoneContainsAsync(fixture.Tables, ClusterFixture.TestProtector, person.Values);
    }

    private ICustomerLookupGrain Lookup(string tenant) => fixture.Client.GetGrain<ICustomerLookupGrain>(tenant);

    private async Task<(string Tenant, ICustomerGrain Customer, DistinctPerson Person)> CreateWithNoteAsync()
    {
        var tenant = CustomerBuilder.NewTenant();
        var person = DistinctPerson.Create();
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerBuilder.NewKey(tenant));
        await customer.CreateAsync(person.Profile(), "agent-1");
        await customer.AppendArchiveAsync(
            new NewArchiveEntry(ArchiveEntryKind.Note, $"{person.Name} called from {person.PhoneFormatted}", "case-1", $"Lives at {person.Address}"),
            "agent-1");
        return (tenant, customer, person);
    }
}
