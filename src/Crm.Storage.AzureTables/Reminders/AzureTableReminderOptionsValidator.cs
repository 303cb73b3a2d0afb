using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>
/// Fails silo start-up on a table name Azure would reject or backups would miss, or when there is no way to get a
/// table client. Runs before the reminder service starts, which would otherwise retry a hopeless start for minutes.
/// </summary>
public sealed class AzureTableReminderOptionsValidator(IOptions<AzureTableReminderOptions> options, IServiceProvider services)
    : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var value = options.Value;
        var field = $"{AzureTableReminderOptions.SectionName}:{nameof(AzureTableReminderOptions.TableName)}";
        if (!AzureTableGrainStorageOptionsValidator.IsValidTableName(value.TableName))
        {
            throw new OrleansConfigurationException(
                $"Reminders: {field} '{value.TableName}' is not a valid Azure table name " +
                "(3–63 letters or digits, starting with a letter, and not 'tables').");
        }

        if (!value.TableName.StartsWith(CrmTables.Prefix, StringComparison.Ordinal))
        {
            throw new OrleansConfigurationException(
                $"Reminders: {field} '{value.TableName}' must start with '{CrmTables.Prefix}', or backups would not include it.");
        }

        if (value.TableServiceClientFactory is not null)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            try
            {
                _ = new TableServiceClient(value.ConnectionString);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new OrleansConfigurationException(
                    $"Reminders: {AzureTableReminderOptions.SectionName}:{nameof(AzureTableReminderOptions.ConnectionString)} is not valid ({ex.Message}).", ex);
            }

            return;
        }

        if (services.GetService<TableServiceClient>() is null)
        {
            throw new OrleansConfigurationException(
                "Reminders have no table client: register a TableServiceClient in DI, " +
                $"or set {nameof(AzureTableReminderOptions.ConnectionString)} or " +
                $"{nameof(AzureTableReminderOptions.TableServiceClientFactory)}.");
        }
    }
}
