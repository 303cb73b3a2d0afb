namespace Crm.Contracts.Reports;

/// <summary>
/// A tenant's finished reports (key: tenant id), what account managers and tenant admins find in their inbox.
/// Reads only: separate from the schedule, so reading the inbox never waits for a report being made.
/// </summary>
public interface IReportInboxGrain : IGrainWithStringKey
{
    /// <summary>Every finished report, newest first.</summary>
    Task<ImmutableArray<ReportRun>> ListAsync();

    /// <summary>A stored document of a finished report; null when there is none by that name.</summary>
    Task<ReportFile?> GetDocumentAsync(string period, string name);
}
