using Crm.Domain.Common;
using Crm.Contracts.Customers;
using Crm.Domain.Customers;
using Orleans.Concurrency;

namespace Crm.Grains.Customers;

/// <summary>Serves a tenant's customer list from the directory index; stateless, so reads scale out.</summary>
[StatelessWorker]
public sealed class CustomerDirectoryGrain(ICustomerDirectoryStore directory) : Grain, ICustomerDirectoryGrain
{
    public Task<CustomerSummaryPage> ListAsync(int pageSize, string? continuationToken)
    {
        if (!Paging.IsValidPageSize(pageSize))
        {
            throw new ValidationFailedException([new FieldError("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        if (continuationToken is not null && !Identifiers.IsEntityId(continuationToken))
        {
            throw new ValidationFailedException([new FieldError("continuationToken", "Not a token this list issued.")]);
        }

        return directory.ListAsync(this.GetPrimaryKeyString(), pageSize, continuationToken);
    }
}
