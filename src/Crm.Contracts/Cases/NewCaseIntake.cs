using Crm.Domain.Cases;

namespace Crm.Contracts.Cases;

/// <summary>The wire's new case to and from the domain's intake report (<see cref="CaseIntake"/>).</summary>
public static class NewCaseIntake
{
    public static CaseReport ToReport(this NewCase c) =>
        new(c.CustomerId, c.Kind, c.Subject, c.Description, c.Severity, c.Category, c.Channel, c.AfterSalesType, c.OrderReference, c.RequestId, c.Assignee);

    public static NewCase With(this NewCase c, CaseReport r) => c with
    {
        CustomerId = r.CustomerId ?? "",
        Kind = r.Kind,
        Subject = r.Subject ?? "",
        Description = r.Description ?? "",
        Severity = r.Severity,
        Category = r.Category,
        Channel = r.Channel,
        AfterSalesType = r.AfterSalesType,
        OrderReference = r.OrderReference,
        RequestId = r.RequestId,
        Assignee = r.Assignee,
    };
}
