using Crm.Scoring.Models;

namespace Crm.Scoring.Tests.Models;

public sealed class ModelActivationTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Activate_KeepsThePreviousVersionsInOrder()
    {
        var activation = ModelActivation.None.Activate(1, At, "a").Activate(2, At, "a").Activate(5, At, "b");

        Assert.Equal(5, activation.Active);
        Assert.Equal([1, 2], activation.Previous);
        Assert.Equal("b", activation.ChangedBy);
    }

    [Fact]
    public void Activate_TheActiveVersion_ChangesNothing()
    {
        var activation = ModelActivation.None.Activate(1, At, "a");

        Assert.Same(activation, activation.Activate(1, At.AddDays(1), "b"));
    }

    [Fact]
    public void RollBack_ReturnsToThePreviousThenTheOneBefore_ThenNone()
    {
        var activation = ModelActivation.None.Activate(1, At, "a").Activate(2, At, "a").Activate(3, At, "a");

        var once = activation.RollBack(At, "r")!;
        var twice = once.RollBack(At, "r")!;

        Assert.Equal(2, once.Active);
        Assert.Equal([1], once.Previous);
        Assert.Equal(1, twice.Active);
        Assert.Empty(twice.Previous);
        Assert.Null(twice.RollBack(At, "r"));
        Assert.Null(ModelActivation.None.RollBack(At, "r"));
    }
}
