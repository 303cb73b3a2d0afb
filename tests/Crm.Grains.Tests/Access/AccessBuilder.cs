using Crm.Contracts.Access;
using Crm.Contracts.Common;

namespace Crm.Grains.Tests.Access;

/// <summary>Fresh usernames and tenants per test, so tests share one cluster without seeing each other.</summary>
internal static class AccessBuilder
{
    public const string Password = "correct horse battery";

    public static string NewUsername() => "u-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewTenantId() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<string> CreateTenantAsync(IClusterClient client)
    {
        var tenantId = NewTenantId();
        await client.GetGrain<ITenantGrain>(tenantId).CreateAsync("Tenant " + tenantId, "op");
        return tenantId;
    }

    public static NewUser User(string tenantId, params Role[] roles) =>
        new("Li Wei", Password, false, [new TenantMembership(tenantId, [.. roles.DefaultIfEmpty(Role.Agent)])]);

    public static async Task<ValidationFailedException> AssertInvalidAsync(Func<Task> action, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(action);
        Assert.Contains(field, error.Errors.Select(e => e.Field));
        return error;
    }
}
