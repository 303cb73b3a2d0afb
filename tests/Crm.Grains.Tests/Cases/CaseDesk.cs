using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Grains.Tests.Customers;

namespace Crm.Grains.Tests.Cases;

/// <summary>A fresh tenant with one customer, and shortcuts to its cases.</summary>
internal sealed class CaseDesk(IClusterClient client, string tenantId, string customerId)
{
    public string TenantId { get; } = tenantId;

    public string CustomerId { get; } = customerId;

    public static async Task<CaseDesk> CreateAsync(IClusterClient client)
    {
        var tenant = CustomerBuilder.NewTenant();
        var customerId = "c-" + Guid.NewGuid().ToString("N")[..8];
        await client.GetGrain<ITenantGrain>(tenant).CreateAsync("Case tests", "op");
        await client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, customerId)).CreateAsync(CustomerBuilder.Profile(), "setup");
        return new CaseDesk(client, tenant, customerId);
    }

    public ICaseGrain Case(string caseId) => client.GetGrain<ICaseGrain>(CaseKey.Format(TenantId, caseId));

    public ICustomerGrain Customer(string? customerId = null) => client.GetGrain<ICustomerGrain>(CustomerKey.Format(TenantId, customerId ?? CustomerId));

    public IServiceDeskGrain Settings => client.GetGrain<IServiceDeskGrain>(TenantId);

    public ICaseQueueGrain Queue => client.GetGrain<ICaseQueueGrain>(TenantId);

    public IAgentRosterGrain Roster => client.GetGrain<IAgentRosterGrain>(TenantId);

    public IDeskNotificationGrain Notifications => client.GetGrain<IDeskNotificationGrain>(TenantId);

    public NewCase Report(
        CaseKind kind = CaseKind.Complaint,
        CaseSeverity severity = CaseSeverity.Normal,
        string subject = "Parcel arrived damaged",
        string? requestId = null,
        string? category = "logistics-delivery",
        string? customerId = null) =>
        new(customerId ?? CustomerId, kind, subject, "The box was crushed and the vase inside broken.", severity, category, CaseChannel.Chat,
            RequestId: requestId);

    /// <summary>Opens a case under a fresh generated id.</summary>
    public async Task<CaseView> OpenAsync(NewCase? report = null, string actor = "agent-1")
    {
        var caseId = Guid.CreateVersion7().ToString("N");
        return (await Case(caseId).OpenAsync(report ?? Report(), actor)).Case;
    }

    /// <summary>A user who works cases in this tenant, available for automatic assignment.</summary>
    public async Task<string> AgentAsync(string name, bool available = true)
    {
        var username = $"{name}-{Guid.NewGuid().ToString("N")[..6]}";
        await client.GetGrain<IUserGrain>(username).CreateAsync(
            new NewUser(name, null, false, [new TenantMembership(TenantId, [Role.Agent])]), "setup");
        if (available)
        {
            await Roster.SetAvailabilityAsync(username, true);
        }

        return username;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the SLA clock runs on real time.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(250);
        }
    }
}
