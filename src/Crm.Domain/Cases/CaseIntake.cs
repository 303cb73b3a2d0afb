using Crm.Domain.Common;

namespace Crm.Domain.Cases;

/// <summary>A case as someone reported it, before it is stored: the fields the intake rules look at.</summary>
public sealed record CaseReport(
    string? CustomerId,
    CaseKind Kind,
    string? Subject,
    string? Description,
    CaseSeverity Severity,
    string? Category,
    CaseChannel Channel,
    AfterSalesType? AfterSalesType,
    string? OrderReference,
    string? RequestId,
    string? Assignee);

/// <summary>
/// The intake rules of a new case, beside the lifecycle: how a report is stored (trimmed, category and assignee
/// lower-cased, "other" when no category) and which of its fields break a rule. Key formats (tenant, case and customer
/// ids, request ids, usernames) are the contract's; the caller checks those.
/// </summary>
public static class CaseIntake
{
    public static CaseReport Normalize(CaseReport report) => report with
    {
        CustomerId = report.CustomerId?.Trim() ?? "",
        Subject = report.Subject?.Trim() ?? "",
        Description = report.Description?.Trim() ?? "",
        Category = string.IsNullOrWhiteSpace(report.Category) ? CaseCategories.Other : report.Category.Trim().ToLowerInvariant(),
        OrderReference = string.IsNullOrWhiteSpace(report.OrderReference) ? null : report.OrderReference.Trim(),
        RequestId = report.RequestId?.Trim(),
        Assignee = string.IsNullOrWhiteSpace(report.Assignee) ? null : report.Assignee.Trim().ToLowerInvariant(),
    };

    /// <summary>Every rule a normalized report breaks, in field order; empty when it may be stored.</summary>
    public static IReadOnlyList<FieldProblem> Check(CaseReport r, IReadOnlyCollection<string> categories)
    {
        var problems = new List<FieldProblem>();
        if (!Enum.IsDefined(r.Kind))
        {
            problems.Add(new("kind", "One of inquiry, complaint, afterSales."));
        }

        AddIf(problems, CaseText.Check("subject", r.Subject, CaseText.MaxSubject));
        AddIf(problems, CaseText.Check("description", r.Description, CaseText.MaxBody));
        if (!Enum.IsDefined(r.Severity))
        {
            problems.Add(new("severity", "One of normal, major."));
        }

        if (!Enum.IsDefined(r.Channel))
        {
            problems.Add(new("channel", "One of web, phone, chat, email, app."));
        }

        if (r.Category is null || !categories.Contains(r.Category))
        {
            problems.Add(new("category", $"One of this tenant's categories: {string.Join(", ", categories)}."));
        }

        if (r.Kind == CaseKind.AfterSales)
        {
            if (r.AfterSalesType is not { } type || !Enum.IsDefined(type))
            {
                problems.Add(new("afterSalesType", "An after-sales case is a return, exchange or refund."));
            }

            if (r.OrderReference is null)
            {
                problems.Add(new("orderReference", "An after-sales case needs the order reference."));
            }
        }
        else if (r.AfterSalesType is not null)
        {
            problems.Add(new("afterSalesType", "Only after-sales cases have one."));
        }

        if (r.OrderReference is { } order && (order.Length > CaseText.MaxOrderReference || order.Any(char.IsControl)))
        {
            problems.Add(new("orderReference", $"At most {CaseText.MaxOrderReference} characters, no control characters."));
        }

        return problems;
    }

    private static void AddIf(List<FieldProblem> problems, FieldProblem? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
