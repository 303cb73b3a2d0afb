using Crm.Domain.Reports;

namespace Crm.Silo.Reports;

/// <summary>Makes a period's finished report: generated from the aggregates, rendered in every format, kept.</summary>
public interface IReportPublisher
{
    /// <returns>The language it was made in and each document's name with its size in bytes.</returns>
    Task<PublishedReport> PublishAsync(string tenantId, ReportPeriod period, CancellationToken cancellationToken = default);
}

public sealed record PublishedReport(string Language, IReadOnlyDictionary<string, long> Documents);
