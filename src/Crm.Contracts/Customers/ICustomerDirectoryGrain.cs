namespace Crm.Contracts.Customers;

/// <summary>A tenant's customer list, keyed by tenant id; reads an index table, never every grain.</summary>
public interface ICustomerDirectoryGrain : IGrainWithStringKey
{
    Task<CustomerSummaryPage> ListAsync(int pageSize, string? continuationToken);
}
