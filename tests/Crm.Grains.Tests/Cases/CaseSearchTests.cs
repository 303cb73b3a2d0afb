using Azure.Data.Tables;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Storage.AzureTables;

namespace Crm.Grains.Tests.Cases;

/// <summary>Cases found by order reference and subject words, fed from the queue's receiver; erasure takes the rows with it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseSearchTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SearchAsync_OrderReferenceWholeOrByItsStart_AndSubjectWords_FindTheCase_OnlyInItsTenant()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var parcel = await desk.OpenAsync(desk.Report(subject: "快递三天没到，包裹在哪里") with { OrderReference = "SO-2026-0042" });
        await desk.OpenAsync(desk.Report(subject: "发票抬头写错了") with { OrderReference = "SO-2031-7777" });

        var whole = await SearchAsync(desk.TenantId, "so-2026-0042", h => h.Items.Length > 0);
        var prefix = await SearchAsync(desk.TenantId, "SO 2026", h => h.Items.Length > 0);
        var words = await SearchAsync(desk.TenantId, "包裹 快递", h => h.Items.Length > 0);

        var hit = Assert.Single(whole.Items);
        Assert.Equal((parcel.CaseId, true, 100, "SO-2026-0042"), (hit.CaseId, hit.ByOrderReference, hit.Score, hit.OrderReference));
        Assert.Equal(parcel.CaseId, Assert.Single(prefix.Items).CaseId);
        var byWords = Assert.Single(words.Items);
        Assert.Equal((parcel.CaseId, false, 100), (byWords.CaseId, byWords.ByOrderReference, byWords.Score));
        Assert.Empty((await Search(CustomerBuilderTenant()).SearchAsync("so-2026-0042", 20, null)).Items);
    }

    // The first case of a tenant activates its queue grain, which loads the row the case had just put: that row once
    // counted as already indexed, so a case without an order reference (nothing to differ by) was never found.
    [Fact]
    public async Task SearchAsync_ATenantsFirstCase_WithoutOrderReference_IsFoundBySubject()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var opened = await desk.OpenAsync(desk.Report(subject: "欧阳修的茶具碎了"));

        var found = await SearchAsync(desk.TenantId, "欧阳", p => p.Items.Length > 0);

        Assert.Equal(opened.CaseId, Assert.Single(found.Items).CaseId);
    }

    [Fact]
    public async Task SearchAsync_AfterTheCustomersErasure_FindsNothing_AndTheRowsAreGone()
    {
        var desk = await CaseDesk.CreateAsync(fixture.Client);
        var opened = await desk.OpenAsync(desk.Report(subject: "Refund for the broken kettle") with { OrderReference = "JD-889900" });
        Assert.NotEmpty((await SearchAsync(desk.TenantId, "kettle", p => p.Items.Length > 0)).Items);

        await desk.Customer().ErasePersonalDataAsync("admin-1");

        Assert.Empty((await Search(desk.TenantId).SearchAsync("kettle", 20, null)).Items);
        Assert.Empty((await Search(desk.TenantId).SearchAsync("JD-889900", 20, null)).Items);
        Assert.Equal(0, await fixture.Tables.GetTableClient(CrmTables.SearchIndex)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {opened.CaseId}")).CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("--")]
    public async Task SearchAsync_TooShort_IsValidationErrorNamingQ(string query) =>
        Assert.Equal("q", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Search(CustomerBuilderTenant()).SearchAsync(query, 20, null))).Errors).Field);

    private static string CustomerBuilderTenant() => Customers.CustomerBuilder.NewTenant();

    private ICaseSearchGrain Search(string tenant) => fixture.Client.GetGrain<ICaseSearchGrain>(tenant);

    // The queue hears of a case as the case settles; wait for that state, never for a fixed time.
    private Task<CaseSearchPage> SearchAsync(string tenant, string q, Func<CaseSearchPage, bool> until) =>
        CaseDesk.EventuallyAsync(() => Search(tenant).SearchAsync(q, 20, null), until, Wait);
}
