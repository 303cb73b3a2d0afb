using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Crm.Contracts.Reports;
using Crm.Grains.Reports;

namespace Crm.Storage.AzureTables.Stores;

/// <summary>
/// Finished reports in Azure Blob storage, one blob per document under <c>{tenant}/{period}/</c>. Reports hold
/// counts, categories and case ids, no personal data, so they are stored plain. The container is created on first
/// use rather than at silo start: a silo whose blob service is unreachable still serves everything else, and the
/// schedule tries the report again at its next tick.
/// </summary>
public sealed class BlobReportDocumentStore(BlobServiceClient service) : IReportDocumentStore
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(CrmBlobContainers.Reports);
    private Task? _created;

    public async Task PutAsync(string tenantId, string period, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        await EnsureContainerAsync(cancellationToken);
        foreach (var file in files)
        {
            await _container.GetBlobClient(BlobName(tenantId, period, file.Name)).UploadAsync(
                new BinaryData(file.Content),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType } },
                cancellationToken);
        }
    }

    public async Task<ReportFile?> GetAsync(string tenantId, string period, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _container.GetBlobClient(BlobName(tenantId, period, name)).DownloadContentAsync(cancellationToken);
            return new ReportFile(name, result.Value.Details.ContentType ?? "application/octet-stream", result.Value.Content.ToArray());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Tenant ids are lowercase letters, digits and '-', periods and names the product's own: no escaping needed, checked anyway.</summary>
    public static string BlobName(string tenantId, string period, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(period);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (tenantId.Contains('/') || period.Contains('/') || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/'))
        {
            throw new ArgumentException($"Not a report document: {tenantId}/{period}/{name}.");
        }

        return $"{tenantId}/{period}/{name}";
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        // A failed creation is forgotten, so the next write tries again.
        var created = _created ??= _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        if (created.IsFaulted || created.IsCanceled)
        {
            _created = null;
        }

        return created;
    }
}
