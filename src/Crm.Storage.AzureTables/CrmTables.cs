namespace Crm.Storage.AzureTables;

/// <summary>Every table the product owns, in one place, so that setup and backup can enumerate them.</summary>
public static class CrmTables
{
    /// <summary>
    /// Every product table's name starts with this prefix: backup enumerates tables by it, so a table that a later
    /// capability adds is backed up without changing the backup. Never name a product table without it.
    /// </summary>
    public const string Prefix = "Crm";

    public const string GrainState = "CrmGrainState";
    public const string ArchiveEntries = "CrmArchiveEntries";
    public const string CustomerDirectory = "CrmCustomerDirectory";
    public const string CustomerLookup = "CrmCustomerLookup";
    public const string AuditLog = "CrmAuditLog";
    public const string Reminders = "CrmReminders";
    public const string CaseHistory = "CrmCaseHistory";
    public const string CaseQueue = "CrmCaseQueue";
    public const string SurveyResponses = "CrmSurveyResponses";
    public const string SurveyInvitations = "CrmSurveyInvitations";
    public const string SurveyTallies = "CrmSurveyTallies";

    /// <summary>Survey archive entries and webhook events recorded but not yet delivered (empty when all is delivered).</summary>
    public const string SurveyOutbox = "CrmSurveyOutbox";

    /// <summary>Report aggregates per tenant and local day, with the keys of the facts each counts.</summary>
    public const string ReportDays = "CrmReportDays";

    /// <summary>Scheduled report runs: one row per tenant and period, inserted to claim the period once.</summary>
    public const string ReportRuns = "CrmReportRuns";

    /// <summary>The protected search index: keyed hashes of name and case-text grams, never the text (docs/workspace.md).</summary>
    public const string SearchIndex = "CrmSearchIndex";

    /// <summary>Silo heartbeats and front-end request counts per minute: the product's own availability measure.</summary>
    public const string Availability = "CrmAvailability";

    /// <summary>Tables the stores use (grain state and reminders are created by their providers).</summary>
    public static readonly IReadOnlyList<string> StoreTables = [ArchiveEntries, CustomerDirectory, CustomerLookup, AuditLog, CaseHistory, CaseQueue, SurveyResponses, SurveyInvitations, SurveyTallies, ReportDays, ReportRuns, SurveyOutbox, SearchIndex, Availability];
}
