using Crm.Domain.Reports;
using Crm.Reporting.Reports;

namespace Crm.Silo.Reports;

/// <summary>
/// A scheduled report in the tenant's default language, rendered as HTML, PDF and a CSV per table by the same
/// generator and renderers the API uses on demand.
/// </summary>
public sealed partial class ReportPublisher(ReportGenerator generator, ILogger<ReportPublisher> logger) : IReportPublisher
{
    public async Task<PublishedReport> PublishAsync(string tenantId, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        var report = await generator.GenerateAsync(tenantId, period, language: null, cancellationToken);
        var documents = await ReportDocuments.RenderAsync(report, cancellationToken);
        LogPublished(tenantId, period.ToString(), documents.Count, documents.Sum(d => (long)d.Content.Length));
        return new PublishedReport(report.Language, documents.ToDictionary(d => d.Name, d => (long)d.Content.Length, StringComparer.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Period} of tenant {TenantId} made: {Documents} documents, {Bytes} bytes.")]
    private partial void LogPublished(string tenantId, string period, int documents, long bytes);
}
