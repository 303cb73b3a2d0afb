using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Storage.AzureTables.Hosting;

public static class TableServiceClientExtensions
{
    /// <summary>The development default: Azurite on its standard table port (10002).</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>
    /// Registers the one <see cref="TableServiceClient"/> that the grain storage and the stores share, and the
    /// <see cref="BlobServiceClient"/> of the same storage account (its BlobEndpoint) for finished reports.
    /// </summary>
    public static IServiceCollection AddCrmTableServiceClient(this IServiceCollection services, string? connectionString)
    {
        var value = string.IsNullOrWhiteSpace(connectionString) ? DevelopmentConnectionString : connectionString;
        services.AddSingleton(_ => new TableServiceClient(value));
        services.AddSingleton(_ => new BlobServiceClient(value));
        return services;
    }
}
