using Crm.Domain.Access;

namespace Crm.Domain.Tests.Access;

public sealed class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AfterFailure_BelowLimit_CountsWithoutLocking() =>
        Assert.Equal((3, (DateTimeOffset?)null), LockoutPolicy.AfterFailure(2, Now));

    [Fact]
    public void AfterFailure_AtLimit_LocksAndResetsTheCount()
    {
        var (failures, until) = LockoutPolicy.AfterFailure(LockoutPolicy.MaxFailures - 1, Now);

        Assert.Equal(0, failures);
        Assert.Equal(Now + LockoutPolicy.Duration, until);
        Assert.True(LockoutPolicy.IsLocked(until, Now.AddMinutes(1)));
        Assert.False(LockoutPolicy.IsLocked(until, until!.Value));
    }
}
