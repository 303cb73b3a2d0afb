using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

/// <summary>Agents find customers by exact email or phone over encrypted data, within their tenant only, never by a stale index row.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerLookupTests(ClusterFixture fixture)
{
    [Fact]
    public async Task FindAsync_EmailInOtherCase_FindsTheCustomer()
    {
        var (tenant, customerId, person) = await CreateAsync();

        var found = await Lookup(tenant).FindAsync(ContactChannelKind.Email, "  " + person.Email.ToUpperInvariant());

        var summary = Assert.Single(found);
        Assert.Equal(customerId, summary.CustomerId);
        Assert.Equal(person.Name, summary.DisplayName);
        Assert.Equal(tenant, summary.TenantId);
    }

    [Fact]
    public async Task FindAsync_PhoneFormattedDifferently_FindsTheCustomer()
    {
        var (tenant, customerId, person) = await CreateAsync();

        var found = await Lookup(tenant).FindAsync(ContactChannelKind.Phone, person.PhoneFormatted);

        Assert.Equal(customerId, Assert.Single(found).CustomerId);
    }

    [Fact]
    public async Task FindAsync_AfterEmailChanged_OldFindsNothingNewFindsCustomerAndOldRowIsGone()
    {
        var (tenant, customerId, person) = await CreateAsync();
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId));
        var newEmail = "new." + person.Email;
        var profile = person.Profile();
        await customer.UpdateProfileAsync(
            profile with { Channels = [new ContactChannel(ContactChannelKind.Email, newEmail), .. profile.Channels.Skip(1)] }, null, "agent-1");

        Assert.Empty(await Lookup(tenant).FindAsync(ContactChannelKind.Email, person.Email));
        Assert.Equal(customerId, Assert.Single(await Lookup(tenant).FindAsync(ContactChannelKind.Email, newEmail)).CustomerId);
        Assert.Equal(customerId, Assert.Single(await Lookup(tenant).FindAsync(ContactChannelKind.Phone, person.PhoneNormalized)).CustomerId);

        // The old value's row is deleted, not merely filtered out: one row for the new email, one for the phone, one for the platform id.
        Assert.Equal(3, await RawRows.CountLookupRowsAsync(fixture.Tables, customerId));
    }

    [Fact]
    public async Task FindByPlatformIdAsync_FindsTheCustomer_AndAfterAChangeOnlyTheNewId()
    {
        var (tenant, customerId, person) = await CreateAsync();
        var profile = person.Profile();
        var found = await Lookup(tenant).FindByPlatformIdAsync(" " + profile.ExternalRef + " ");
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId));
        await customer.UpdateProfileAsync(profile with { ExternalRef = profile.ExternalRef + "-2" }, null, "agent-1");

        Assert.Equal(customerId, Assert.Single(found).CustomerId);
        Assert.Empty(await Lookup(tenant).FindByPlatformIdAsync(profile.ExternalRef!));
        Assert.Equal(customerId, Assert.Single(await Lookup(tenant).FindByPlatformIdAsync(profile.ExternalRef + "-2")).CustomerId);
        Assert.Empty(await Lookup(CustomerBuilder.NewTenant()).FindByPlatformIdAsync(profile.ExternalRef + "-2"));
        Assert.Equal(3, await RawRows.CountLookupRowsAsync(fixture.Tables, customerId));
        Assert.Equal("platformId", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => Lookup(tenant).FindByPlatformIdAsync(" "))).Errors).Field);
    }

    [Fact]
    public async Task FindAsync_OtherTenant_FindsNothing()
    {
        var (_, _, person) = await CreateAsync();

        Assert.Empty(await Lookup(CustomerBuilder.NewTenant()).FindAsync(ContactChannelKind.Email, person.Email));
        Assert.Empty(await Lookup(CustomerBuilder.NewTenant()).FindAsync(ContactChannelKind.Phone, person.PhoneNormalized));
    }

    [Fact]
    public async Task FindAsync_StaleIndexRow_IsNotReturned()
    {
        var (tenant, customerId, person) = await CreateAsync();
        var (_, otherId, _) = await CreateAsync(tenant);
        await fixture.Lookup.AddAsync(tenant, otherId, [new ContactChannel(ContactChannelKind.Email, person.Email)]);

        var found = await Lookup(tenant).FindAsync(ContactChannelKind.Email, person.Email);

        Assert.Equal(customerId, Assert.Single(found).CustomerId);
    }

    [Theory]
    [InlineData(ContactChannelKind.Email, "not-an-email", "value")]
    [InlineData(ContactChannelKind.Phone, "12ab34", "value")]
    [InlineData(ContactChannelKind.Phone, "  ", "value")]
    [InlineData(ContactChannelKind.PostalAddress, "1 Main Street", "kind")]
    [InlineData((ContactChannelKind)99, "x@example.com", "kind")]
    public async Task FindAsync_BadInput_IsValidationErrorNamingTheField(ContactChannelKind kind, string value, string field)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Lookup(CustomerBuilder.NewTenant()).FindAsync(kind, value));

        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task FindAsync_PhoneTypedWithoutCountryCode_FindsTheCustomerByTheTenantsDefaultRegion()
    {
        var (tenant, customerId, person) = await CreateAsync();

        var found = await Lookup(tenant).FindAsync(ContactChannelKind.Phone, $"{person.PhoneDigits[..3]} {person.PhoneDigits[3..7]} {person.PhoneDigits[7..]}");

        Assert.Equal(customerId, Assert.Single(found).CustomerId);
    }

    [Fact]
    public async Task A_tenants_phone_region_applies_to_profiles_and_lookups_and_a_bad_one_is_refused()
    {
        var tenant = CustomerBuilder.NewTenant();
        var tenants = fixture.Client.GetGrain<Crm.Contracts.Access.ITenantGrain>(tenant);
        await tenants.CreateAsync("US shop", "admin");
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => tenants.SetPhoneRegionAsync("USA", "admin"));
        Assert.Equal("region", Assert.Single(bad.Errors).Field);
        Assert.Equal("CN", await tenants.GetPhoneRegionAsync());

        await tenants.SetPhoneRegionAsync("us", "admin");
        var person = DistinctPerson.Create();
        var customerId = Guid.NewGuid().ToString("N");
        var profile = person.Profile() with { Channels = [new ContactChannel(ContactChannelKind.Phone, "(415) 555-0132")] };
        var created = await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId)).CreateAsync(profile, "agent-1");

        Assert.Equal("US", await tenants.GetPhoneRegionAsync());
        Assert.Equal("+14155550132", Assert.Single(created.Profile.Channels).Value);
        Assert.Equal(customerId, Assert.Single(await Lookup(tenant).FindAsync(ContactChannelKind.Phone, "415.555.0132")).CustomerId);
        Assert.Equal(customerId, Assert.Single(await Lookup(tenant).FindAsync(ContactChannelKind.Phone, "+1 415 555 0132")).CustomerId);
    }

    private ICustomerLookupGrain Lookup(string tenant) => fixture.Client.GetGrain<ICustomerLookupGrain>(tenant);

    private async Task<(string Tenant, string CustomerId, DistinctPerson Person)> CreateAsync(string? tenant = null)
    {
        tenant ??= CustomerBuilder.NewTenant();
        var person = DistinctPerson.Create();
        var customerId = Guid.NewGuid().ToString("N");
        await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId)).CreateAsync(person.Profile(), "agent-1");
        return (tenant, customerId, person);
    }
}
