using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Crm.Scoring;
using Crm.Scoring.Models;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// Model files in Azure Blob storage, so every silo on every machine serves the same ones: under
/// <c>{tenant}/{kind}/</c>, <c>v{n}.zip</c> (the ML.NET model), <c>v{n}.json</c> (its manifest) and <c>active.json</c>
/// (the activation). A version's blobs are created with <c>If-None-Match: *</c>, so a number is claimed once and a
/// stored file is never overwritten; the activation changes with <c>If-Match</c> on its ETag, so two admins
/// activating at once never lose one another's change. Models hold weights, not personal data: stored plain.
/// </summary>
public sealed partial class BlobModelStore(BlobServiceClient service, TimeProvider clock) : IModelStore
{
    private const int MaxAttempts = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // an AUC is NaN when a split has one class.
    };
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(CrmBlobContainers.Models);
    private Task? _created;

    public async Task<ModelManifest> SaveAsync(string tenantId, NewModel model, ReadOnlyMemory<byte> modelFile, CancellationToken cancellationToken = default)
    {
        var prefix = Prefix(tenantId, model.Kind);
        await EnsureContainerAsync(cancellationToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(modelFile.Span));
        var version = await NextVersionAsync(prefix, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts * 5; attempt++, version++)
        {
            // Claiming the model blob's name is the lock: of two trainers racing for a number, one wins it, the other moves on.
            try
            {
                await _container.GetBlobClient(ModelName(prefix, version)).UploadAsync(
                    new BinaryData(modelFile), CreateOnly("application/zip"), cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            var manifest = new ModelManifest(tenantId, model.Kind, version, clock.GetUtcNow(), model.CreatedBy, model.Options,
                model.Data, model.Metrics, model.TrainSeconds, sha) { Comparison = model.Comparison };
            // Readers list manifests only, so a model whose manifest never got written (its writer died) stays invisible.
            await _container.GetBlobClient(ManifestName(prefix, version)).UploadAsync(
                BinaryData.FromObjectAsJson(manifest, Json), CreateOnly("application/json"), cancellationToken);
            return manifest;
        }

        throw new InvalidOperationException($"No free version number for {prefix} after {MaxAttempts * 5} attempts.");
    }

    public async Task<IReadOnlyList<ModelManifest>> ListAsync(string tenantId, string kind, CancellationToken cancellationToken = default)
    {
        var prefix = Prefix(tenantId, kind);
        var versions = new List<int>();
        try
        {
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix + "v" }, cancellationToken))
            {
                if (VersionOf(blob.Name, prefix, ScoringNames.ManifestExtension) is { } v)
                {
                    versions.Add(v);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // No container yet: nothing was ever stored.
        }

        var manifests = await Task.WhenAll(versions.Order().Select(v => ReadManifestAsync(prefix, v, cancellationToken)));
        return [.. manifests.OfType<ModelManifest>()];
    }

    public Task<ModelManifest?> GetAsync(string tenantId, string kind, int version, CancellationToken cancellationToken = default) =>
        ReadManifestAsync(Prefix(tenantId, kind), version, cancellationToken);

    public async Task<(ModelActivation Activation, string? ETag)> GetActivationAsync(string tenantId, string kind, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _container.GetBlobClient(Prefix(tenantId, kind) + ScoringNames.ActivationFile).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToObjectFromJson<ModelActivation>(Json) ?? ModelActivation.None, result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (ModelActivation.None, null);
        }
    }

    public async Task<ModelActivation> ActivateAsync(string tenantId, string kind, int version, string by, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(tenantId, kind, version, cancellationToken) is null)
        {
            throw new ModelNotFoundException($"{ModelVersions.Label(kind, version)} is not stored for tenant {tenantId}.");
        }

        return (await ChangeActivationAsync(tenantId, kind, a => a.Activate(version, clock.GetUtcNow(), by), cancellationToken))!;
    }

    public Task<ModelActivation?> RollBackAsync(string tenantId, string kind, string by, CancellationToken cancellationToken = default) =>
        ChangeActivationAsync(tenantId, kind, a => a.RollBack(clock.GetUtcNow(), by), cancellationToken);

    public async Task<byte[]> ReadModelAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        var name = ModelName(Prefix(manifest.TenantId, manifest.Kind), manifest.Version);
        byte[] bytes;
        try
        {
            bytes = (await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidDataException($"{manifest.Label} of tenant {manifest.TenantId}: the model file is missing.");
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{manifest.Label} of tenant {manifest.TenantId}: the model file does not match its checksum.");
        }

        return bytes;
    }

    /// <summary>Read, change, write back only if nobody wrote in between (ETag); on a lost race, read again and redo the change.</summary>
    private async Task<ModelActivation?> ChangeActivationAsync(string tenantId, string kind, Func<ModelActivation, ModelActivation?> change, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlobClient(Prefix(tenantId, kind) + ScoringNames.ActivationFile);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (current, etag) = await GetActivationAsync(tenantId, kind, cancellationToken);
            if (change(current) is not { } next)
            {
                return null;
            }

            if (next == current)
            {
                return current;
            }

            try
            {
                await blob.UploadAsync(BinaryData.FromObjectAsJson(next, Json), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) },
                }, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed it first: their change stands, ours is applied on top of it.
            }
        }

        throw new InvalidOperationException($"The activation of {kind} for tenant {tenantId} kept changing under {MaxAttempts} attempts.");
    }

    private async Task<ModelManifest?> ReadManifestAsync(string prefix, int version, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _container.GetBlobClient(ManifestName(prefix, version)).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToObjectFromJson<ModelManifest>(Json);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<int> NextVersionAsync(string prefix, CancellationToken cancellationToken)
    {
        var max = 0;
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix + "v" }, cancellationToken))
        {
            // Model files count too: a number whose manifest is missing (its writer died) is still taken.
            var v = VersionOf(blob.Name, prefix, ScoringNames.ModelExtension) ?? VersionOf(blob.Name, prefix, ScoringNames.ManifestExtension);
            max = Math.Max(max, v ?? 0);
        }

        return max + 1;
    }

    private static BlobUploadOptions CreateOnly(string contentType) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
    };

    private static int? VersionOf(string name, string prefix, string extension)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(extension, StringComparison.Ordinal))
        {
            return null;
        }

        var stem = name[prefix.Length..^extension.Length];
        return VersionName().Match(stem) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string ModelName(string prefix, int version) => $"{prefix}v{version}{ScoringNames.ModelExtension}";

    private static string ManifestName(string prefix, int version) => $"{prefix}v{version}{ScoringNames.ManifestExtension}";

    /// <summary>Tenant ids and kinds are the product's own names; anything else is refused, so no name can reach another's folder.</summary>
    public static string Prefix(string tenantId, string kind) => SafeName().IsMatch(tenantId) && SafeName().IsMatch(kind)
        ? $"{tenantId}/{kind}/"
        : throw new ArgumentException($"'{tenantId}/{kind}' is not a valid tenant id and model kind.");

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // Created on first write, not at silo start: a silo whose blob service is down still serves with the lexicon rule.
        var created = _created ??= _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        if (created.IsFaulted || created.IsCanceled)
        {
            _created = null;
        }

        return created;
    }

    [GeneratedRegex(@"^v([0-9]{1,9})\z")]
    private static partial Regex VersionName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex SafeName();
}
