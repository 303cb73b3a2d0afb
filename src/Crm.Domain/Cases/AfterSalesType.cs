namespace Crm.Domain.Cases;

/// <summary>What an after-sales case asks for. Stored and sent: never renumber.</summary>
public enum AfterSalesType
{
    Return = 0,
    Exchange = 1,
    Refund = 2,
}
