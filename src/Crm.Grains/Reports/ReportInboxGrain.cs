using System.Collections.Immutable;
using Crm.Contracts.Reports;
using Orleans.Concurrency;

namespace Crm.Grains.Reports;

/// <summary>Reads the run table and the stored documents; holds nothing, so any silo answers.</summary>
[StatelessWorker]
public sealed class ReportInboxGrain(IReportRunStore runs, IReportDocumentStore documents) : Grain, IReportInboxGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task<ImmutableArray<ReportRun>> ListAsync() =>
        [.. (await runs.ListAsync(TenantId)).Where(r => r.State == ReportRunState.Done).OrderByDescending(r => r.CompletedAt)];

    public async Task<ReportFile?> GetDocumentAsync(string period, string name)
    {
        // Only documents a finished run lists are served: the name never reaches storage unchecked.
        var run = (await runs.ListAsync(TenantId)).FirstOrDefault(r => r.Period == period && r.State == ReportRunState.Done);
        return run is not null && run.Documents.ContainsKey(name) ? await documents.GetAsync(TenantId, period, name) : null;
    }
}
