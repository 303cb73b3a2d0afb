using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>Fails silo start-up on a table name Azure would reject or on a storage with no way to get a client.</summary>
public sealed partial class AzureTableGrainStorageOptionsValidator(
    AzureTableGrainStorageOptions options, string name, IServiceProvider services) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (!IsValidTableName(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': '{options.TableName}' is not a valid Azure table name " +
                "(3–63 letters or digits, starting with a letter, and not 'tables').");
        }

        if (options.TableServiceClientFactory is not null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                _ = new TableServiceClient(options.ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new OrleansConfigurationException(
                    $"Grain storage '{name}': the connection string is not valid ({ex.Message}).", ex);
            }

            return;
        }

        if (services.GetService<TableServiceClient>() is null)
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}' has no table client: register a TableServiceClient in DI, " +
                $"or set {nameof(AzureTableGrainStorageOptions.ConnectionString)} or " +
                $"{nameof(AzureTableGrainStorageOptions.TableServiceClientFactory)}.");
        }
    }

    /// <summary>Azure's rule for table names; "tables" is reserved by the service.</summary>
    public static bool IsValidTableName(string? tableName) =>
        tableName is not null
        && TableNamePattern().IsMatch(tableName)
        && !string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{2,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();
}
