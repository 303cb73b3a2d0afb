namespace Crm.Domain.Cases;

/// <summary>
/// The outcome of applying an action: either the new status, or an <see cref="Error"/> that says what the case
/// can do instead (the caller turns it into a 409).
/// </summary>
public sealed record TransitionResult(CaseStatus? Status, string? Error)
{
    public bool IsAllowed => Status is not null;

    public static TransitionResult Allowed(CaseStatus status) => new(status, null);

    public static TransitionResult Refused(string error) => new(null, error);
}
