using System.Text.Json.Serialization;

namespace Crm.Storage.AzureTables.Protection;

/// <summary>The key file's JSON: <c>{ "activeKeyId": "k1", "keys": { "k1": "base64" }, "lookupKey": "base64" }</c>.</summary>
public sealed class PersonalDataKeyFile
{
    [JsonPropertyName("activeKeyId")]
    public string? ActiveKeyId { get; set; }

    [JsonPropertyName("keys")]
    public Dictionary<string, string> Keys { get; set; } = [];

    [JsonPropertyName("lookupKey")]
    public string? LookupKey { get; set; }
}
