namespace Crm.Scoring.Models;

/// <summary>
/// The product's model store, shared by every silo of a cluster: versioned model files that are never overwritten,
/// each with its <see cref="ModelManifest"/> beside it, and one activation record per tenant and model kind.
/// </summary>
public interface IModelStore
{
    /// <summary>Stores a new version under the next free number (racing writers each get their own) and returns its manifest.</summary>
    Task<ModelManifest> SaveAsync(string tenantId, NewModel model, ReadOnlyMemory<byte> modelFile, CancellationToken cancellationToken = default);

    /// <summary>Every stored version, oldest first.</summary>
    Task<IReadOnlyList<ModelManifest>> ListAsync(string tenantId, string kind, CancellationToken cancellationToken = default);

    Task<ModelManifest?> GetAsync(string tenantId, string kind, int version, CancellationToken cancellationToken = default);

    /// <summary>The activation record and its ETag (null when none was ever written), so a reader can tell that nothing changed.</summary>
    Task<(ModelActivation Activation, string? ETag)> GetActivationAsync(string tenantId, string kind, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> active; throws <see cref="ModelNotFoundException"/> if it was never stored.</summary>
    Task<ModelActivation> ActivateAsync(string tenantId, string kind, int version, string by, CancellationToken cancellationToken = default);

    /// <summary>Returns to the version active before the current one; null when there is none to return to.</summary>
    Task<ModelActivation?> RollBackAsync(string tenantId, string kind, string by, CancellationToken cancellationToken = default);

    /// <summary>A stored model file's bytes, checked against its manifest's SHA-256; throws <see cref="InvalidDataException"/> if damaged.</summary>
    Task<byte[]> ReadModelAsync(ModelManifest manifest, CancellationToken cancellationToken = default);
}
