using Crm.Contracts.Customers;

namespace Crm.Grains.Customers;

/// <summary>The per-tenant index behind customer lists, so a list never activates every customer grain.</summary>
public interface ICustomerDirectoryStore
{
    Task UpsertAsync(CustomerSummary summary, CancellationToken cancellationToken = default);

    Task<CustomerSummaryPage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);
}
