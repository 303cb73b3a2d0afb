using System.Security.Claims;
using Crm.Client.Cases;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Common;

namespace Crm.Client.Customers;

/// <summary>
/// Brings customers stored before the name index existed into it: one page of the tenant's directory at a time, each
/// customer's grain writing its rows again (idempotent, so a repeated or interrupted page does no harm), the page's
/// continuation token to go on from where it stopped. A tenant admin's task; each page is audited.
/// </summary>
public sealed class SearchBackfill(IClusterClient cluster, AuditTrail audit)
{
    public const int DefaultPageSize = 100;

    public async Task<SearchBackfillPage> BackfillAsync(ClaimsPrincipal user, string tenantId, int pageSize, string? continuationToken)
    {
        if (!user.Allows(tenantId, Permission.ServiceDeskConfigure))
        {
            throw new ForbiddenException(CaseCommands.NotAllowed);
        }

        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        var page = await cluster.GetGrain<ICustomerDirectoryGrain>(tenantId).ListAsync(pageSize, continuationToken);
        await Task.WhenAll(page.Items.Select(c => cluster.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, c.CustomerId)).ReindexAsync()));
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.Customer, AuditTrail.ListTarget, $"search index backfill: {page.Items.Length} customers");
        return new SearchBackfillPage(page.Items.Length, page.ContinuationToken);
    }
}
