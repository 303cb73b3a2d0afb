namespace Crm.Domain.Cases;

/// <summary>Where a case stands. The numbers are stored: never renumber or reuse one.</summary>
public enum CaseStatus
{
    New = 0,
    Acknowledged = 1,
    InProgress = 2,
    WaitingOnCustomer = 3,
    Resolved = 4,
    Closed = 5,
    Reopened = 6,
}
