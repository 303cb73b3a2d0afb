using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Sla;

public sealed class SlaTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly SlaTimeline Opened = new(T0, CaseSeverity.Normal, 1);

    private static DateTimeOffset H(double hours) => T0.AddHours(hours);

    [Fact]
    public void Equals_EachFactDiffering_IsNotEqual()
    {
        var full = Opened.Respond(H(1)).Pause(H(2)).Resume(H(3)).Resolve(H(4));

        Assert.Equal(full, Opened.Respond(H(1)).Pause(H(2)).Resume(H(3)).Resolve(H(4)));
        Assert.NotEqual(full, full with { OpenedAt = H(-1) });
        Assert.NotEqual(full, full with { Severity = CaseSeverity.Major });
        Assert.NotEqual(full, full with { PolicyVersion = 2 });
        Assert.NotEqual(full, full with { FirstRespondedAt = H(1.5) });
        Assert.NotEqual(full, full with { ResolvedAt = H(5) });
        Assert.NotEqual(full, full with { Pauses = [] });
        Assert.False(full.Equals(null));
    }

    [Fact]
    public void Resolve_Twice_KeepsTheFirstResolution()
    {
        var timeline = Opened.Respond(H(1)).Resolve(H(2)).Resolve(H(3));

        Assert.Equal(H(2), timeline.ResolvedAt);
        Assert.Equal(H(1), timeline.FirstRespondedAt);
    }

    [Fact]
    public void Pause_AfterResolution_IsIgnored() =>
        Assert.Empty(Opened.Resolve(H(1)).Pause(H(2)).Pauses);

    [Fact]
    public void Resume_WithoutAPause_ChangesNothing() =>
        Assert.Same(Opened, Opened.Resume(H(1)));

    [Fact]
    public void Reopen_Unresolved_ChangesNothing() =>
        Assert.Same(Opened, Opened.Reopen(H(1)));

    [Fact]
    public void Reopen_Resolved_PausesTheTimeSpentResolved()
    {
        var timeline = Opened.Respond(H(1)).Resolve(H(2)).Reopen(H(5));

        Assert.Null(timeline.ResolvedAt);
        Assert.Equal([new SlaPause(H(2), H(5))], timeline.Pauses);
        Assert.False(timeline.IsPaused);
    }

    [Fact]
    public void IsPaused_OnlyWhileTheLastPauseIsOpen()
    {
        Assert.False(Opened.IsPaused);
        Assert.True(Opened.Pause(H(1)).IsPaused);
        Assert.False(Opened.Pause(H(1)).Resume(H(2)).IsPaused);
        Assert.True(Opened.Pause(H(1)).Resume(H(2)).Pause(H(3)).IsPaused);
    }
}
