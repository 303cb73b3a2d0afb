namespace Crm.Domain.Cases;

/// <summary>Where the customer reached us. Stored and sent: never renumber.</summary>
public enum CaseChannel
{
    Web = 0,
    Phone = 1,
    Chat = 2,
    Email = 3,
    App = 4,
}
