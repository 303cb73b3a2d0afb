using Azure.Data.Tables;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>Writes many rows of one partition as entity group transactions, Azure's batch of at most 100 rows.</summary>
internal static class PartitionBatches
{
    public const int MaxBatch = 100;

    /// <summary>Upserts (replace) every row, in order; all rows must share one partition key.</summary>
    public static async Task UpsertAsync(TableClient table, IAsyncEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var batch = new List<TableTransactionAction>(MaxBatch);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            if (batch.Count == MaxBatch)
            {
                await table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
