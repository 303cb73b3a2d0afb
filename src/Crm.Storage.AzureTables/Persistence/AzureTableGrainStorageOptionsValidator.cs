using System.Text.RegularExpressions;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Persistence;

/// <summary>Fails silo start on configuration that could only fail later, at the first write.</summary>
public sealed partial class AzureTableGrainStorageOptionsValidator(AzureTableGrainStorageOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (options.TableName is null || !TableNamePattern().IsMatch(options.TableName))
        {
            throw new OrleansConfigurationException(
                $"Grain storage '{name}': table name '{options.TableName}' is invalid; Azure table names are 3-63 letters or digits, starting with a letter.");
        }

        if (options.GrainStorageSerializer is null)
        {
            throw new OrleansConfigurationException($"Grain storage '{name}': no grain storage serializer is configured.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
