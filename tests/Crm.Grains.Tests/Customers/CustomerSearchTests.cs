using Azure.Data.Tables;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Search;
using Crm.Grains.Search;
using Crm.Storage.AzureTables;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Grains.Tests.Customers;

/// <summary>Customers found by name over the protected gram index: prefix, misspelling, renames and erasure, per tenant only.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CustomerSearchTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SearchAsync_TwoCharactersOfAChineseName_FindItFirst_AndOnlyInItsTenant()
    {
        var tenant = CustomerBuilder.NewTenant();
        var wang = await CreateAsync(tenant, "王小明");
        await CreateAsync(tenant, "李明");
        await CreateAsync(tenant, "陈静");

        var page = await Search(tenant).SearchAsync("小明", 20, null);

        var hit = Assert.Single(page.Items);
        Assert.Equal(wang, hit.Customer.CustomerId);
        Assert.Equal("王小明", hit.Customer.DisplayName);
        Assert.Equal(100, hit.Score);
        Assert.Null(page.ContinuationToken);
        Assert.Empty((await Search(CustomerBuilder.NewTenant()).SearchAsync("小明", 20, null)).Items);
    }

    [Fact]
    public async Task SearchAsync_PrefixAndMisspelling_FindLatinNames_BestFirst()
    {
        var tenant = CustomerBuilder.NewTenant();
        var zhang = await CreateAsync(tenant, "Zhang Wei");
        var zhao = await CreateAsync(tenant, "Zhao Wei");
        await CreateAsync(tenant, "Chen Jing");

        var prefix = await Search(tenant).SearchAsync("zhan", 20, null);
        var typo = await Search(tenant).SearchAsync("Zhnag Wei", 20, null);

        Assert.Equal((zhang, 100), (prefix.Items[0].Customer.CustomerId, prefix.Items[0].Score));
        Assert.All(prefix.Items.Skip(1), h => Assert.True(h.Customer.CustomerId == zhao && h.Score < 100));
        Assert.Equal(zhang, typo.Items[0].Customer.CustomerId);
        Assert.InRange(typo.Items[0].Score, 50, 99);
        Assert.DoesNotContain(typo.Items, h => h.Customer.DisplayName == "Chen Jing");
        Assert.All(typo.Items.Skip(1), h => Assert.Equal(zhao, h.Customer.CustomerId));
    }

    [Fact]
    public async Task SearchAsync_AfterARename_FindsTheNewNameOnly_AndTheOldRowsAreGone()
    {
        var tenant = CustomerBuilder.NewTenant();
        var id = await CreateAsync(tenant, "刘德华");
        var customer = fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, id));
        await customer.UpdateProfileAsync(CustomerBuilder.Profile("周杰伦"), null, "agent-1");

        Assert.Empty((await Search(tenant).SearchAsync("德华", 20, null)).Items);
        Assert.Equal(id, Assert.Single((await Search(tenant).SearchAsync("杰伦", 20, null)).Items).Customer.CustomerId);
        Assert.Equal(SearchGrams.ForIndex("周杰伦").Count, await CountGramRowsAsync(id));
    }

    [Fact]
    public async Task SearchAsync_ErasedCustomer_IsNotFound_AndHasNoIndexRows()
    {
        var tenant = CustomerBuilder.NewTenant();
        var id = await CreateAsync(tenant, "Ouyang Xiaofang");
        Assert.NotEmpty((await Search(tenant).SearchAsync("ouyang", 20, null)).Items);

        await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, id)).ErasePersonalDataAsync("admin-1");

        Assert.Empty((await Search(tenant).SearchAsync("ouyang", 20, null)).Items);
        Assert.Empty((await Search(tenant).SearchAsync("erased customer", 20, null)).Items);
        Assert.Equal(0, await CountRowsAsync(id));
    }

    [Fact]
    public async Task SearchAsync_StaleRow_IsNotReturned()
    {
        var tenant = CustomerBuilder.NewTenant();
        await CreateAsync(tenant, "Huang Lei");
        var other = await CreateAsync(tenant, "Sun Li");
        // A row claiming "Sun Li" is called Huang Lei, as an interrupted rename could leave.
        await Store.SetAsync(tenant, SearchIndexKind.CustomerName, other, SearchGrams.ForIndex("Huang Lei"));

        var page = await Search(tenant).SearchAsync("huang lei", 20, null);

        Assert.DoesNotContain(page.Items, h => h.Customer.CustomerId == other);
        Assert.Single(page.Items);
    }

    [Fact]
    public async Task SearchAsync_ManyHits_ArePagedWithoutRepeats()
    {
        var tenant = CustomerBuilder.NewTenant();
        var ids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CreateAsync(tenant, "张伟")));

        var first = await Search(tenant).SearchAsync("张伟", 2, null);
        var second = await Search(tenant).SearchAsync("张伟", 2, first.ContinuationToken);
        var third = await Search(tenant).SearchAsync("张伟", 2, second.ContinuationToken);

        Assert.Equal(ids.Order(StringComparer.Ordinal), first.Items.Concat(second.Items).Concat(third.Items).Select(h => h.Customer.CustomerId));
        Assert.Null(third.ContinuationToken);
    }

    [Theory]
    [InlineData("", 20, null, "q")]
    [InlineData("a", 20, null, "q")]
    [InlineData("王", 20, null, "q")]
    [InlineData("!!", 20, null, "q")]
    [InlineData("ab", 0, null, "pageSize")]
    [InlineData("ab", 101, null, "pageSize")]
    [InlineData("ab", 20, "x", "continuationToken")]
    public async Task SearchAsync_BadInput_IsValidationErrorNamingTheField(string query, int pageSize, string? token, string field)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Search(CustomerBuilder.NewTenant()).SearchAsync(query, pageSize, token));

        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task SearchAsync_TooLongQuery_IsRefused() =>
        Assert.Equal("q", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Search(CustomerBuilder.NewTenant()).SearchAsync(new string('a', SearchGrams.MaxQueryLength + 1), 20, null))).Errors).Field);

    private ICustomerSearchGrain Search(string tenant) => fixture.Client.GetGrain<ICustomerSearchGrain>(tenant);

    private ISearchIndexStore Store => fixture.Cluster.GetSiloServiceProvider(fixture.Cluster.Silos[0].SiloAddress).GetRequiredService<ISearchIndexStore>();

    private async Task<string> CreateAsync(string tenant, string name)
    {
        var id = Guid.NewGuid().ToString("N");
        await fixture.Client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, id)).CreateAsync(CustomerBuilder.Profile(name), "agent-1");
        return id;
    }

    /// <summary>Gram rows of the customer (its entity row, which lists them, not counted).</summary>
    private async Task<int> CountGramRowsAsync(string id) =>
        await fixture.Tables.GetTableClient(CrmTables.SearchIndex)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}"))
            .CountAsync(r => !r.PartitionKey.EndsWith("|=", StringComparison.Ordinal));

    private async Task<int> CountRowsAsync(string id) =>
        await fixture.Tables.GetTableClient(CrmTables.SearchIndex).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}")).CountAsync();
}
