using Azure.Data.Tables;
using Crm.Grains.Health;

namespace Crm.Storage.AzureTables.Stores;

public sealed class TableStorageProbe(TableServiceClient service) : IStorageProbe
{
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return;
        }
    }
}
