using System.Security.Claims;
using Crm.Client.Cases;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;

namespace Crm.Client.Customers;

/// <summary>
/// A customer's cases, the one way the API and the customer page read them: the permission to read cases, the case
/// ids the customer's own grain holds (so only that tenant's cases of that customer can be reached), each case read
/// and ordered by <see cref="CustomerCaseOrder"/>, one audit row for the list.
/// </summary>
public sealed class CustomerCases(IClusterClient cluster, AuditTrail audit)
{
    public const string AuditDetail = "cases of the customer";

    /// <summary>The customer's cases, open first; null when there is no such customer.</summary>
    public async Task<ImmutableArray<CaseView>?> ListAsync(ClaimsPrincipal user, string tenantId, string customerId)
    {
        if (!user.Allows(tenantId, Permission.CasesRead))
        {
            throw new ForbiddenException(CaseCommands.NotAllowed);
        }

        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(customerId))
        {
            return null;
        }

        var customer = cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, customerId));
        if (await customer.GetAsync() is null)
        {
            return null;
        }

        // Newest ids first when there are more than shown: ids are time-ordered when generated, and a request-id case is
        // still read when the customer has fewer than the limit, which is every real customer.
        var ids = (await customer.ListCaseIdsAsync()).OrderDescending(StringComparer.Ordinal).Take(CustomerCaseOrder.MaxShown);
        var views = await Task.WhenAll(ids.Select(id => cluster.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, id)).GetAsync()));
        var mine = views.OfType<CaseView>().Where(v => v.TenantId == tenantId && v.CustomerId == customerId);
        ImmutableArray<CaseView> ordered = [.. CustomerCaseOrder.Order(mine, v => v.Status, v => v.MergedInto is not null, v => v.Sla.NextDueAt, v => v.OpenedAt, v => v.UpdatedAt)];
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Customer, customerId, $"{AuditDetail}: {ordered.Length}");
        return ordered;
    }
}
