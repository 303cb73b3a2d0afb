namespace Crm.Contracts.Customers;

/// <summary>Service tier agreed with the platform; later issues may weight queues by it.</summary>
public enum CustomerTier
{
    Standard = 0,
    Silver = 1,
    Gold = 2,
    Vip = 3,
}
