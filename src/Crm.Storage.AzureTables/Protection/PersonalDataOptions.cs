namespace Crm.Storage.AzureTables.Protection;

/// <summary>
/// Keys that encrypt personal data at rest. Either <see cref="Keys"/> (with <see cref="ActiveKeyId"/> and
/// <see cref="LookupKey"/>) from configuration, or a key file at <see cref="KeyFile"/>, created on first start.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string SectionName = "Crm:PersonalData";

    /// <summary>The key file used when <see cref="Keys"/> is empty; null means <see cref="DefaultKeyFile"/>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Key id → base64 of a 32-byte AES key. Old ids stay here after rotation so old values still read.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key id new values are encrypted with.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Base64 of the 32-byte HMAC key of the lookup index. It never rotates: the index rows are keyed by it.</summary>
    public string? LookupKey { get; set; }

    public static string DefaultKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "crm", "personal-data-keys.json");
}
