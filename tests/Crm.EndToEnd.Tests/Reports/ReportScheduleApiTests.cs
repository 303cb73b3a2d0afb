using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Contracts.Access;

namespace Crm.EndToEnd.Tests.Reports;

/// <summary>The report schedule over HTTP: a tenant admin sets it, an account manager reads it, bad input is a 400 naming the field.</summary>
[Collection(StackCollection.Name)]
public sealed class ReportScheduleApiTests(CrmStackFixture stack)
{
    [Fact]
    public async Task Admin_SetsWeeklyAndMonthly_AccountManagerReadsTheNextDueOfEach()
    {
        var tenant = await stack.NewTenantAsync();
        var path = $"api/tenants/{tenant.Id}/reports/schedule";

        var before = await CrmStackFixture.ReadAsync<JsonElement>(await tenant.As(Role.AccountManager).GetAsync(path));
        Assert.False(before.GetProperty("weekly").GetBoolean());
        Assert.Equal(0, before.GetProperty("next").GetArrayLength());

        var set = await tenant.As(Role.TenantAdmin).PutAsJsonAsync(path, new { weekly = true, monthly = true, quarterly = false, at = "09:30" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var view = await CrmStackFixture.ReadAsync<JsonElement>(await tenant.As(Role.AccountManager).GetAsync(path));
        Assert.True(view.GetProperty("weekly").GetBoolean());
        Assert.True(view.GetProperty("monthly").GetBoolean());
        Assert.False(view.GetProperty("quarterly").GetBoolean());
        Assert.Equal("09:30:00", view.GetProperty("at").GetString());
        Assert.Equal(2, view.GetProperty("next").GetArrayLength());
        Assert.True(view.TryGetProperty("timeZoneId", out _));
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("8 o'clock")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Set_ABadTime_Is400NamingTheField_AndChangesNothing(string? at)
    {
        var tenant = await stack.NewTenantAsync();
        var path = $"api/tenants/{tenant.Id}/reports/schedule";
        var response = await tenant.As(Role.TenantAdmin).PutAsJsonAsync(path, new { weekly = true, monthly = false, quarterly = false, at });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("at", out var errors), problem.ToString());
        Assert.Contains("HH:mm", errors[0].GetString());
        var view = await CrmStackFixture.ReadAsync<JsonElement>(await tenant.As(Role.TenantAdmin).GetAsync(path));
        Assert.False(view.GetProperty("weekly").GetBoolean());
    }

    [Fact]
    public async Task Set_Recipients_AreKeptWhenLeftOut_AndABadAddressIs400NamingTheField()
    {
        var tenant = await stack.NewTenantAsync();
        var path = $"api/tenants/{tenant.Id}/reports/schedule";
        var admin = tenant.As(Role.TenantAdmin);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(path, new { weekly = false, monthly = true, quarterly = false, at = "08:00", recipients = new[] { "Manager@Example.com" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(path, new { weekly = true, monthly = true, quarterly = false, at = "08:00" })).StatusCode);
        var view = await CrmStackFixture.ReadAsync<JsonElement>(await tenant.As(Role.AccountManager).GetAsync(path));
        Assert.Equal("manager@example.com", Assert.Single(view.GetProperty("recipients").EnumerateArray()).GetString());

        var bad = await admin.PutAsJsonAsync(path, new { weekly = false, monthly = false, quarterly = false, at = "08:00", recipients = new[] { "someone" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("recipients", out _), problem.ToString());
        Assert.True((await CrmStackFixture.ReadAsync<JsonElement>(await admin.GetAsync(path))).GetProperty("weekly").GetBoolean());
    }

    [Fact]
    public async Task AccountManager_MayNotChangeTheSchedule()
    {
        var tenant = await stack.NewTenantAsync();
        var response = await tenant.As(Role.AccountManager).PutAsJsonAsync(
            $"api/tenants/{tenant.Id}/reports/schedule", new { weekly = true, monthly = false, quarterly = false, at = "08:00" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
