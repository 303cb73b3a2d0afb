using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Storage.AzureTables.Backup;

/// <summary>The <c>manifest.json</c> at the root of a backup file: what it holds and how to check it.</summary>
public sealed record BackupManifest
{
    public const string EntryName = "manifest.json";
    public const int CurrentFormatVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public DateTimeOffset CreatedAt { get; init; }

    public string SourceAccount { get; init; } = "";

    /// <summary>Tables are chosen by this prefix (<see cref="CrmTables.Prefix"/>), not by a fixed list.</summary>
    public string TablePrefix { get; init; } = CrmTables.Prefix;

    /// <summary>Server-set properties that are not in the data files because a write cannot set them.</summary>
    public IReadOnlyList<string> OmittedProperties { get; init; } = ["Timestamp", "ETag"];

    public IReadOnlyList<BackupTableEntry> Tables { get; init; } = [];

    /// <summary>The product's blob containers found (<see cref="CrmBlobContainers.Prefix"/>); their blobs are in <see cref="Blobs"/>.</summary>
    public IReadOnlyList<string> BlobContainers { get; init; } = [];

    /// <summary>Every blob, byte for byte under <c>blobs/</c> (<see cref="BlobBackup"/>); none in a backup made without the blob service.</summary>
    public IReadOnlyList<BackupBlobEntry> Blobs { get; init; } = [];
}

/// <summary>One table in a backup. <see cref="Consistent"/> is true when the last scan saw no row change (see <see cref="TableBackup"/>).</summary>
public sealed record BackupTableEntry(
    string Name,
    string File,
    long Rows,
    [property: JsonPropertyName("sha256")] string Sha256,
    bool Consistent,
    int ScanPasses);
