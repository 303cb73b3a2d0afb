namespace Crm.Domain.Access;

/// <summary>After <see cref="MaxFailures"/> wrong passwords in a row an account is locked for <see cref="Duration"/>.</summary>
public static class LockoutPolicy
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && until > now;

    /// <summary>The failure count and lock after one more wrong password.</summary>
    public static (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= MaxFailures ? (0, now + Duration) : (failures + 1, null);
}
