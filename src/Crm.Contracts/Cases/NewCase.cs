using Crm.Contracts.Common;
using Crm.Contracts.Access;
using System.ComponentModel.DataAnnotations;
using Crm.Domain.Cases;

namespace Crm.Contracts.Cases;

/// <summary>
/// A case as reported. <see cref="RequestId"/> makes the create idempotent: a retry with the same id returns the
/// case the first attempt made. <see cref="Category"/> is one of the tenant's categories ("other" when left out).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.new-case")]
public sealed record NewCase(
    [property: Id(0), MaxLength(Identifiers.MaxEntityIdLength)] string CustomerId,
    [property: Id(1)] CaseKind Kind,
    [property: Id(2), MaxLength(CaseText.MaxSubject)] string Subject,
    [property: Id(3), MaxLength(CaseText.MaxBody)] string Description,
    [property: Id(4)] CaseSeverity Severity = CaseSeverity.Normal,
    [property: Id(5), MaxLength(CaseCategories.MaxLength)] string? Category = null,
    [property: Id(6)] CaseChannel Channel = CaseChannel.Web,
    [property: Id(7)] AfterSalesType? AfterSalesType = null,
    [property: Id(8), MaxLength(CaseText.MaxOrderReference)] string? OrderReference = null,
    [property: Id(9), MaxLength(CaseKey.MaxRequestIdLength)] string? RequestId = null,
    [property: Id(10), MaxLength(Usernames.MaxLength)] string? Assignee = null);

/// <summary>The outcome of an open: the case, and whether this call made it (false for a retried request).</summary>
[GenerateSerializer, Immutable, Alias("crm.cases.case-opening")]
public sealed record CaseOpening([property: Id(0)] CaseView Case, [property: Id(1)] bool Created);
