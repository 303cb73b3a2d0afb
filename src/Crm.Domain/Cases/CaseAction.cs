namespace Crm.Domain.Cases;

/// <summary>What an agent or customer does to a case. The numbers may be stored in history: never renumber.</summary>
public enum CaseAction
{
    Acknowledge = 0,
    StartWork = 1,
    WaitOnCustomer = 2,
    CustomerReplied = 3,
    Resolve = 4,
    Close = 5,
    Reopen = 6,
}
