namespace Crm.Domain.Cases;

/// <summary>What the customer came with. Stored and sent: never renumber.</summary>
public enum CaseKind
{
    Inquiry = 0,
    Complaint = 1,

    /// <summary>A return, exchange or refund of an order; see <see cref="AfterSalesType"/>.</summary>
    AfterSales = 2,
}
