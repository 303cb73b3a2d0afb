using Crm.Contracts.Cases;

namespace Crm.Grains.Reports;

/// <summary>Every case history row of a tenant, case by case: the full scan reconciliation (and nothing else) does.</summary>
public interface ICaseHistoryScan
{
    /// <returns>Each case's id and its rows, oldest first.</returns>
    IAsyncEnumerable<(string CaseId, IReadOnlyList<CaseEvent> Events)> ScanTenantAsync(string tenantId, CancellationToken cancellationToken = default);
}
