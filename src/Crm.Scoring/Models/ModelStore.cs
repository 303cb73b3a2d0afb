using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Crm.Scoring.Models;

/// <summary>
/// Versioned model files on disk, one folder per tenant and model kind:
/// <c>v{n}.zip</c> (the ML.NET model), <c>v{n}.json</c> (its <see cref="ModelManifest"/>) and <c>active.json</c>
/// (the <see cref="ModelActivation"/>). A version's files are created with <see cref="FileMode.CreateNew"/> and never
/// rewritten; only the activation changes, by an atomic rename, so a reader sees the old or the new one, never half.
/// </summary>
public sealed partial class ModelStore(string root, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ModelStore(string root) : this(root, TimeProvider.System)
    {
    }

    /// <summary>Stores a new version; <paramref name="writeModel"/> writes the model file's bytes.</summary>
    public ModelManifest Save(string tenantId, NewModel model, Action<Stream> writeModel)
    {
        var folder = Folder(tenantId, model.Kind);
        Directory.CreateDirectory(folder);
        // Write and hash under a temporary name first, so a version number never points at a half-written file.
        var staging = Path.Combine(folder, $".staging-{Guid.NewGuid():N}{ScoringNames.ModelExtension}");
        string sha;
        using (var stream = new FileStream(staging, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            writeModel(stream);
            stream.Flush(flushToDisk: true);
            stream.Position = 0;
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        try
        {
            for (var version = NextVersion(folder); ; version++)
            {
                var manifest = new ModelManifest(tenantId, model.Kind, version, clock.GetUtcNow(), model.CreatedBy, model.Options,
                    model.Data, model.Metrics, model.TrainSeconds, sha);
                FileStream file;
                try
                {
                    // Claiming the manifest name is the lock: two trainers racing for a number cannot both win it.
                    file = new FileStream(ManifestPath(folder, version), FileMode.CreateNew, FileAccess.Write);
                }
                catch (IOException) when (File.Exists(ManifestPath(folder, version)))
                {
                    continue;
                }

                using (file)
                {
                    JsonSerializer.Serialize(file, manifest, Json);
                }

                File.Move(staging, ModelPath(folder, version), overwrite: false);
                return manifest;
            }
        }
        finally
        {
            File.Delete(staging);
        }
    }

    public IReadOnlyList<ModelManifest> List(string tenantId, string kind)
    {
        var folder = Folder(tenantId, kind);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "v*" + ScoringNames.ManifestExtension)
            .Select(path => VersionOf(path))
            .OfType<int>()
            .Order()
            .Select(v => ReadManifestOrNull(folder, v))
            .OfType<ModelManifest>()
            .ToArray();
    }

    public ModelManifest? Get(string tenantId, string kind, int version) => ReadManifestOrNull(Folder(tenantId, kind), version);

    public ModelActivation GetActivation(string tenantId, string kind)
    {
        var path = Path.Combine(Folder(tenantId, kind), ScoringNames.ActivationFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<ModelActivation>(File.ReadAllBytes(path), Json) ?? ModelActivation.None : ModelActivation.None;
    }

    /// <summary>Makes <paramref name="version"/> the active one. Throws <see cref="ModelNotFoundException"/> if it was never stored.</summary>
    public ModelActivation Activate(string tenantId, string kind, int version, string by)
    {
        if (Get(tenantId, kind, version) is null)
        {
            throw new ModelNotFoundException($"{ModelVersions.Label(kind, version)} is not stored for tenant {tenantId}.");
        }

        return WriteActivation(tenantId, kind, GetActivation(tenantId, kind).Activate(version, clock.GetUtcNow(), by));
    }

    /// <summary>Re-activates the version active before the current one; null when there is none.</summary>
    public ModelActivation? RollBack(string tenantId, string kind, string by) =>
        GetActivation(tenantId, kind).RollBack(clock.GetUtcNow(), by) is { } previous ? WriteActivation(tenantId, kind, previous) : null;

    /// <summary>Opens a stored model file after checking it against its manifest's checksum.</summary>
    public Stream OpenModel(ModelManifest manifest)
    {
        var bytes = File.ReadAllBytes(ModelPath(Folder(manifest.TenantId, manifest.Kind), manifest.Version));
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{manifest.Label} of tenant {manifest.TenantId}: the model file does not match its checksum.");
        }

        return new MemoryStream(bytes, writable: false);
    }

    private ModelActivation WriteActivation(string tenantId, string kind, ModelActivation activation)
    {
        var folder = Folder(tenantId, kind);
        var temporary = Path.Combine(folder, $".activation-{Guid.NewGuid():N}");
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(activation, Json));
        File.Move(temporary, Path.Combine(folder, ScoringNames.ActivationFile), overwrite: true); // rename(2): atomic.
        return activation;
    }

    private static ModelManifest? ReadManifestOrNull(string folder, int version)
    {
        var path = ManifestPath(folder, version);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<ModelManifest>(File.ReadAllBytes(path), Json) : null;
        }
        catch (JsonException)
        {
            return null; // A manifest whose writer died mid-write claims its number but holds no model.
        }
    }

    private static int NextVersion(string folder) => (Directory.EnumerateFiles(folder, "v*" + ScoringNames.ManifestExtension)
        .Select(VersionOf).OfType<int>().DefaultIfEmpty(0).Max()) + 1;

    private static int? VersionOf(string path) =>
        VersionName().Match(Path.GetFileNameWithoutExtension(path)) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static string ManifestPath(string folder, int version) => Path.Combine(folder, $"v{version}{ScoringNames.ManifestExtension}");

    private static string ModelPath(string folder, int version) => Path.Combine(folder, $"v{version}{ScoringNames.ModelExtension}");

    private string Folder(string tenantId, string kind)
    {
        if (!SafeName().IsMatch(tenantId) || !SafeName().IsMatch(kind))
        {
            throw new ArgumentException($"'{tenantId}/{kind}' is not a valid tenant id and model kind.");
        }

        return Path.Combine(root, tenantId, kind);
    }

    [GeneratedRegex(@"^v([0-9]{1,9})\z")]
    private static partial Regex VersionName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex SafeName();
}

/// <summary>A model version that was never stored.</summary>
public sealed class ModelNotFoundException(string message) : Exception(message);
