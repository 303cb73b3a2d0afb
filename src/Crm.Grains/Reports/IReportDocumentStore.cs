using Crm.Contracts.Reports;

namespace Crm.Grains.Reports;

/// <summary>Finished reports as documents, by tenant, period and document name; a period made again replaces its documents.</summary>
public interface IReportDocumentStore
{
    Task PutAsync(string tenantId, string period, IReadOnlyList<ReportFile> files, CancellationToken cancellationToken = default);

    /// <returns>Null when the period has no such document.</returns>
    Task<ReportFile?> GetAsync(string tenantId, string period, string name, CancellationToken cancellationToken = default);
}
