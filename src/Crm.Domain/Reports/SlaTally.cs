namespace Crm.Domain.Reports;

/// <summary>
/// One target's outcomes in a period, each counted on the day it happened: completions before the deadline (met)
/// and at or after it (late), and the warnings and breaches the clock raised.
/// </summary>
public sealed record SlaTally(long Met = 0, long Late = 0, long Warned = 0, long Breached = 0)
{
    public static SlaTally Empty { get; } = new();

    public long Completed => Met + Late;

    /// <summary>Met over completed; null when nothing completed.</summary>
    public double? MetShare => Completed == 0 ? null : (double)Met / Completed;

    public SlaTally Merge(SlaTally other) =>
        new(Met + other.Met, Late + other.Late, Warned + other.Warned, Breached + other.Breached);
}
