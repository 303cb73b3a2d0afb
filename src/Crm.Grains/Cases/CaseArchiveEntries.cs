using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Grains.Customers;

namespace Crm.Grains.Cases;

/// <summary>How each case event reads in the customer's service archive; the case id is the entry's reference.</summary>
public static class CaseArchiveEntries
{
    public static NewArchiveEntry For(CaseEvent e, NewCase report) => e.Type switch
    {
        CaseEventType.Opened => new(
            report.Kind switch
            {
                CaseKind.Complaint => ArchiveEntryKind.Complaint,
                CaseKind.AfterSales => ArchiveEntryKind.AfterSales,
                _ => ArchiveEntryKind.Inquiry,
            },
            Fit($"{Describe(report)} opened: {report.Subject}", CustomerGrain.MaxSummaryLength)!,
            Detail: Fit(report.Description, CustomerGrain.MaxDetailLength)),
        CaseEventType.Replied => new(ArchiveEntryKind.Reply, "Reply sent to the customer.", Detail: Fit(e.Text, CustomerGrain.MaxDetailLength)),
        CaseEventType.NoteAdded => new(ArchiveEntryKind.Note, "Internal note on a case.", Detail: Fit(e.Text, CustomerGrain.MaxDetailLength)),
        CaseEventType.CustomerMessage => new(ArchiveEntryKind.CaseStateChanged, "The customer wrote.", Detail: Fit(e.Text, CustomerGrain.MaxDetailLength)),
        _ => new(ArchiveEntryKind.CaseStateChanged, Fit(Summary(e), CustomerGrain.MaxSummaryLength)!, Detail: Fit(e.Text, CustomerGrain.MaxDetailLength)),
    };

    /// <summary>One line saying what an event did, for the archive and the UI.</summary>
    public static string Summary(CaseEvent e) => e.Type switch
    {
        CaseEventType.Opened => "Case opened.",
        CaseEventType.Replied => "Replied to the customer.",
        CaseEventType.NoteAdded => "Internal note added.",
        CaseEventType.StatusChanged => $"Case {Status(e.From)} → {Status(e.To)}.",
        CaseEventType.Assigned => $"Case assigned to {e.Assignee}.",
        CaseEventType.Unassigned => "Case unassigned.",
        CaseEventType.Escalated => "Case escalated.",
        CaseEventType.SlaWarning => $"SLA warning: {Target(e.Target)} deadline is near.",
        CaseEventType.SlaBreached => $"SLA breached: {Target(e.Target)} deadline passed.",
        CaseEventType.CustomerMessage => "The customer wrote.",
        CaseEventType.MergedInto => $"Case merged into {e.RelatedCaseId}.",
        CaseEventType.MergedFrom => $"Case {e.RelatedCaseId} merged into this one.",
        CaseEventType.DetailsChanged => "Case re-triaged.",
        CaseEventType.PersonalDataErased => "Personal data erased.",
        _ => "Case changed.",
    };

    public static string Describe(NewCase report) => report.Kind switch
    {
        CaseKind.Complaint => "Complaint",
        CaseKind.AfterSales => report.AfterSalesType switch
        {
            AfterSalesType.Return => "Return request",
            AfterSalesType.Exchange => "Exchange request",
            AfterSalesType.Refund => "Refund request",
            _ => "After-sales request",
        },
        _ => "Inquiry",
    };

    public static string Target(SlaTarget? target) => target == SlaTarget.FirstResponse ? "first response" : "resolution";

    private static string Status(CaseStatus? status) => status switch
    {
        CaseStatus.InProgress => "in progress",
        CaseStatus.WaitingOnCustomer => "waiting on customer",
        null => "?",
        _ => status.Value.ToString().ToLowerInvariant(),
    };

    private static string? Fit(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
