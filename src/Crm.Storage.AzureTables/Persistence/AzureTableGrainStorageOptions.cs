using Azure.Data.Tables;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.Persistence;

public sealed class AzureTableGrainStorageOptions : IStorageProviderSerializerOptions
{
    public const string DefaultTableName = CrmTables.GrainState;

    /// <summary>The table holding every grain state of this provider; created at silo start.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Builds the client; by default the <see cref="TableServiceClient"/> registered in DI.</summary>
    public Func<IServiceProvider, TableServiceClient>? CreateClient { get; set; }

    /// <summary>Defaults to Orleans' own binary serializer: compact (more fits under the entity limit) and version-tolerant by field id.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>When the table is created in the silo lifecycle.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
