using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Common;
using Crm.Reporting.Csv;

namespace Crm.Client.Apis;

/// <summary>
/// The tenant's customer list as CSV, streamed page by page from the directory so memory stays flat however many
/// customers there are. Cells are escaped against formula injection; personal fields are masked for roles that
/// may not see them. The export itself is audited.
/// </summary>
public static class CustomerExport
{
    private static readonly CsvColumn[] Columns =
    [
        new("customerId"), new("displayName"), new("tier"), new("segment"), new("tags"), new("preferredContact"), new("updatedAt"),
    ];

    public static async Task WriteAsync(string tenantId, IClusterClient cluster, HttpContext context, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsTenantId(tenantId))
        {
            throw new ValidationFailedException([new FieldError("tenantId", ApiProblems.TenantIdRule)]);
        }

        await audit.RecordAsync(context.User, tenantId, AuditAction.Export, AuditTargetType.Customer, AuditTrail.ListTarget, "csv");
        var mask = CustomerMasking.NeedsMask(context.User, tenantId);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"customers-{tenantId}.csv\"";
        await CsvExport.WriteAsync(context.Response.Body, Columns, RowsAsync(cluster.GetGrain<ICustomerDirectoryGrain>(tenantId), mask), cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> RowsAsync(ICustomerDirectoryGrain directory, bool mask)
    {
        string? token = null;
        do
        {
            var page = await directory.ListAsync(Paging.MaxPageSize, token);
            foreach (var item in page.Items)
            {
                var c = mask ? CustomerMasking.Mask(item) : item;
                yield return [c.CustomerId, c.DisplayName, c.Tier.ToString(), c.Segment, string.Join(' ', c.Tags), c.PreferredContact, c.UpdatedAt.ToString("O")];
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
