namespace Crm.Contracts.Access;

public enum SignInOutcome
{
    Succeeded = 0,
    Failed = 1,
    LockedOut = 2,
}

/// <summary>
/// A sign-in attempt's outcome. <see cref="Stamp"/> goes into the cookie or token and is checked on every request;
/// a failure never says whether the user exists.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.access.sign-in-attempt")]
public sealed record SignInAttempt(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] UserSession? Session,
    [property: Id(2)] string? Stamp,
    [property: Id(3)] DateTimeOffset? LockedUntil);
