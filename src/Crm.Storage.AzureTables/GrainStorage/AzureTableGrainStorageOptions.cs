using Azure.Data.Tables;
using Orleans;
using Orleans.Storage;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>Options of one named <see cref="AzureTableGrainStorage"/>.</summary>
/// <remarks>
/// The table client comes, in order of precedence, from <see cref="TableServiceClientFactory"/>, from
/// <see cref="ConnectionString"/>, or from the <see cref="TableServiceClient"/> registered in DI (the usual case: the
/// silo shares one client between grain storage and the stores).
/// </remarks>
public sealed class AzureTableGrainStorageOptions : IStorageProviderSerializerOptions
{
    public const string DefaultTableName = CrmTables.GrainState;

    /// <summary>Orleans' default stage for storage providers: before grains can be activated, after the runtime is up.</summary>
    public const int DefaultInitStage = ServiceLifecycleStage.ApplicationServices;

    /// <summary>The table holding the rows; created at silo start. 3–63 letters or digits, starting with a letter.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>Overrides the DI client with one built from this connection string.</summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>Overrides both the DI client and <see cref="ConnectionString"/>.</summary>
    public Func<IServiceProvider, TableServiceClient>? TableServiceClientFactory { get; set; }

    /// <summary>
    /// How states become bytes. When left null it is filled at start-up by
    /// <see cref="AzureTableGrainStorageSerializerConfigurator"/>: a keyed <see cref="IGrainStorageSerializer"/> registered
    /// under the provider's name, else Orleans' binary <see cref="OrleansGrainStorageSerializer"/>.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>
    /// Encrypts each serialized state before it is chunked. Null stores states as serialized; rows written without
    /// a protector still read after one is set, so turning encryption on needs no migration.
    /// </summary>
    public IGrainStatePayloadProtector? PayloadProtector { get; set; }

    /// <summary>The silo lifecycle stage at which the table is created.</summary>
    public int InitStage { get; set; } = DefaultInitStage;
}
