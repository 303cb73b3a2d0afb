using Crm.Contracts.Common;
using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class CustomerGrainTests(ClusterFixture fixture)
{
    private ICustomerGrain Customer(string key) => fixture.Client.GetGrain<ICustomerGrain>(key);

    [Fact]
    public async Task CreateAsync_ValidProfile_StoresNormalizedProfileAndFirstArchiveEntry()
    {
        var key = CustomerBuilder.NewKey();

        var view = await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        Assert.Equal(1, view.Version);
        Assert.Equal("li.wei@example.com", view.Profile.Channels[0].Value);
        Assert.Equal("+8613800138000", view.Profile.Channels[1].Value);
        Assert.Equal(["vip", "returns"], view.Profile.Tags.AsEnumerable());
        var archive = await Customer(key).GetArchiveAsync(10, null);
        var entry = Assert.Single(archive.Entries);
        Assert.Equal(ArchiveEntryKind.CustomerCreated, entry.Kind);
        Assert.Equal("agent-1", entry.Actor);
    }

    [Fact]
    public async Task CreateAsync_SameKeyTwice_Conflicts()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        await Assert.ThrowsAsync<ConflictException>(() => Customer(key).CreateAsync(CustomerBuilder.Profile("Other"), "agent-1"));

        Assert.Equal("Li Wei", (await Customer(key).GetAsync())!.Profile.DisplayName);
    }

    [Fact]
    public async Task CreateAsync_InvalidProfile_ReportsEveryFieldAndStoresNothing()
    {
        var tenant = CustomerBuilder.NewTenant();
        var key = CustomerBuilder.NewKey(tenant);
        var bad = CustomerBuilder.Profile("") with { Channels = [new ContactChannel(ContactChannelKind.Email, "nope")], Tier = (CustomerTier)99 };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => Customer(key).CreateAsync(bad, "agent-1"));

        Assert.Equal(["tier", "displayName", "channels[0].value"], error.Errors.Select(e => e.Field));
        Assert.Null(await Customer(key).GetAsync());
        Assert.Empty((await fixture.Client.GetGrain<ICustomerDirectoryGrain>(tenant).ListAsync(10, null)).Items);
    }

    [Fact]
    public async Task CreateAsync_BadTenantInKey_IsRefused()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Customer(CustomerKey.Format("Bad Tenant", "c1")).CreateAsync(CustomerBuilder.Profile(), "agent-1"));

        Assert.Equal("tenantId", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task UpdateProfileAsync_StaleVersion_ConflictsAndKeepsProfile()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");
        await Customer(key).UpdateProfileAsync(CustomerBuilder.Profile("Li Wei Jr"), 1, "agent-1");

        await Assert.ThrowsAsync<PreconditionFailedException>(() => Customer(key).UpdateProfileAsync(CustomerBuilder.Profile("Lost"), 1, "agent-2"));

        var view = await Customer(key).GetAsync();
        Assert.Equal("Li Wei Jr", view!.Profile.DisplayName);
        Assert.Equal(2, view.Version);
    }

    [Fact]
    public async Task UpdateProfileAsync_Unchanged_KeepsVersionAndArchive()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        var view = await Customer(key).UpdateProfileAsync(CustomerBuilder.Profile(), null, "agent-1");

        Assert.Equal(1, view.Version);
        Assert.Equal(1, view.ArchiveCount);
    }

    [Fact]
    public async Task UpdateProfileAsync_ChangedFields_AreNamedInTheArchive()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        await Customer(key).UpdateProfileAsync(CustomerBuilder.Profile("Wang Fang") with { Tier = CustomerTier.Vip }, null, "agent-2");

        var newest = (await Customer(key).GetArchiveAsync(1, null)).Entries[0];
        Assert.Equal(ArchiveEntryKind.ProfileUpdated, newest.Kind);
        Assert.Equal("Profile updated: displayName, tier.", newest.Summary);
        Assert.Equal("agent-2", newest.Actor);
    }

    [Fact]
    public async Task UnknownCustomer_GetIsNullAndChangesAreNotFound()
    {
        var key = CustomerBuilder.NewKey();

        Assert.Null(await Customer(key).GetAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => Customer(key).UpdateProfileAsync(CustomerBuilder.Profile(), null, "a"));
        await Assert.ThrowsAsync<NotFoundException>(() => Customer(key).AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, "x"), "a"));
        await Assert.ThrowsAsync<NotFoundException>(() => Customer(key).GetArchiveAsync(10, null));
    }

    [Fact]
    public async Task GetArchiveAsync_ManyEntries_PagesNewestFirstWithoutGapsOrRepeats()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");
        for (var i = 1; i <= 24; i++)
        {
            await Customer(key).AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, $"note {i}"), "agent-1");
        }

        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Customer(key).GetArchiveAsync(10, token);
            seen.AddRange(page.Entries.Select(e => e.Sequence));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => (long)i), seen);
        Assert.Equal("note 24", (await Customer(key).GetArchiveAsync(1, null)).Entries[0].Summary);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(101, null)]
    [InlineData(10, "999")]
    [InlineData(10, "x")]
    public async Task GetArchiveAsync_BadPagingInput_IsRefused(int pageSize, string? token)
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        await Assert.ThrowsAsync<ValidationFailedException>(() => Customer(key).GetArchiveAsync(pageSize, token));
    }

    [Fact]
    public async Task AppendArchiveAsync_EmptySummary_IsRefusedAndNothingAppended()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => Customer(key).AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, "  ", Detail: new string('d', 4001)), "agent-1"));

        Assert.Equal(["summary", "detail"], error.Errors.Select(e => e.Field));
        Assert.Equal(1, (await Customer(key).GetAsync())!.ArchiveCount);
    }

    [Fact]
    public async Task State_AfterAllSilosRestart_IsReadBack()
    {
        var key = CustomerBuilder.NewKey();
        await Customer(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");
        await Customer(key).AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, "before restart"), "agent-1");

        await fixture.RestartClusterAsync();

        var view = await Customer(key).GetAsync();
        Assert.NotNull(view);
        Assert.Equal(2, view.ArchiveCount);
        Assert.Equal("before restart", (await Customer(key).GetArchiveAsync(1, null)).Entries[0].Summary);
    }
}
