using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>Creates the stores' tables as the silo starts, so a bad connection fails start-up, not the first write.</summary>
public sealed partial class CrmTablesInitializer(TableServiceClient service, ILogger<CrmTablesInitializer> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CrmTablesInitializer), ServiceLifecycleStage.RuntimeInitialize, CreateTablesAsync);

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var table in CrmTables.StoreTables)
        {
            await service.CreateTableIfNotExistsAsync(table, cancellationToken);
            LogTableReady(table);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Table {Table} is ready.")]
    private partial void LogTableReady(string table);
}
