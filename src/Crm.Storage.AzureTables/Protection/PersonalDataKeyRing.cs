using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Storage.AzureTables.Protection;

/// <summary>
/// The encryption keys by id, the active one, and the lookup key; loaded once. Configuration wins over the key
/// file; with neither, a key file with fresh keys is created, because a silo without keys cannot store customers.
/// </summary>
public sealed partial class PersonalDataKeyRing
{
    public const int KeyBytes = 32;
    private const int MaxKeyIdBytes = 255;

    private readonly FrozenDictionary<string, byte[]> _keys;

    public PersonalDataKeyRing(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId, byte[] lookupKey)
    {
        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        ActiveKeyId = activeKeyId;
        LookupKey = lookupKey;
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public byte[] LookupKey { get; }

    public IEnumerable<string> KeyIds => _keys.Keys;

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>The DI factory: options from configuration, and the key file when configuration holds no keys.</summary>
    public static PersonalDataKeyRing Load(IOptions<PersonalDataOptions> options, ILogger<PersonalDataKeyRing> logger) =>
        Load(options.Value, logger);

    public static PersonalDataKeyRing Load(PersonalDataOptions options, ILogger logger)
    {
        if (options.Keys.Count > 0)
        {
            return FromValues(options.Keys, options.ActiveKeyId, options.LookupKey, $"configuration section '{PersonalDataOptions.SectionName}'");
        }

        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.KeyFile) ? PersonalDataOptions.DefaultKeyFile : options.KeyFile);
        if (!File.Exists(path))
        {
            CreateKeyFile(path);
            LogKeyFileCreated(logger, path);
        }

        PersonalDataKeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PersonalDataKeyFile>(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new PersonalDataKeyException($"The personal data key file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (file is null)
        {
            throw new PersonalDataKeyException($"The personal data key file '{path}' is empty.");
        }

        return FromValues(file.Keys ?? [], file.ActiveKeyId, file.LookupKey, $"key file '{path}'");
    }

    /// <summary>Checks every key and the active id, naming the source and the key in each message.</summary>
    public static PersonalDataKeyRing FromValues(IReadOnlyDictionary<string, string> keys, string? activeKeyId, string? lookupKey, string source)
    {
        if (keys.Count == 0)
        {
            throw new PersonalDataKeyException($"Personal data keys from {source}: no keys.");
        }

        var decoded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in keys)
        {
            if (string.IsNullOrEmpty(id) || Encoding.UTF8.GetByteCount(id) > MaxKeyIdBytes)
            {
                throw new PersonalDataKeyException($"Personal data keys from {source}: key id '{id}' must be 1-{MaxKeyIdBytes} bytes.");
            }

            decoded[id] = Decode(value, $"key '{id}'", source);
        }

        if (string.IsNullOrWhiteSpace(activeKeyId))
        {
            throw new PersonalDataKeyException($"Personal data keys from {source}: no active key id (ActiveKeyId).");
        }

        if (!decoded.ContainsKey(activeKeyId))
        {
            throw new PersonalDataKeyException(
                $"Personal data keys from {source}: the active key id '{activeKeyId}' is not among the keys ({string.Join(", ", decoded.Keys)}).");
        }

        return new PersonalDataKeyRing(decoded, activeKeyId, Decode(lookupKey, "the lookup key (LookupKey)", source));
    }

    private static byte[] Decode(string? value, string what, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value ?? "");
        }
        catch (FormatException)
        {
            throw new PersonalDataKeyException($"Personal data keys from {source}: {what} is not base64.");
        }

        return bytes.Length == KeyBytes
            ? bytes
            : throw new PersonalDataKeyException($"Personal data keys from {source}: {what} has {bytes.Length} bytes, not {KeyBytes}.");
    }

    private static void CreateKeyFile(string path)
    {
        var file = new PersonalDataKeyFile
        {
            ActiveKeyId = "k1",
            Keys = { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) },
            LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the keys are never readable by others, not even briefly.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, file, new JsonSerializerOptions { WriteIndented = true });
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Created a personal data key file with fresh keys at {Path}. Back it up separately from the data: without it, stored personal data cannot be read.")]
    private static partial void LogKeyFileCreated(ILogger logger, string path);
}

/// <summary>Missing, malformed or unknown keys: a configuration problem that must stop the silo.</summary>
public sealed class PersonalDataKeyException(string message, Exception? innerException = null) : Exception(message, innerException);
