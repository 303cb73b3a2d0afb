using System.Collections.Immutable;

namespace Crm.Domain.Reports;

/// <summary>
/// The backlog at an instant by age, from the day aggregates alone. Each day's <see cref="ReportAggregate.BacklogByOpening"/>
/// counts +1 for every case that entered the backlog that day and -1 for every case that left it, under the quarter
/// hour the case was opened in; the merge of every day before the instant is then the open cases by opening time.
/// </summary>
/// <remarks>
/// Why quarter hours in UTC: every time zone in use today is offset from UTC by a whole number of quarter hours, so a
/// period's end (a local midnight) and the band edges before it (2 h, 4 h, 24 h, 72 h) fall on slot edges, and a slot's
/// cases are all in one band: exact, with at most 96 slots a day. Age is measured from the opening (a reopened case
/// keeps its age), as the contract's targets are.
/// </remarks>
public static class BacklogAgeing
{
    public const long SlotSeconds = 15 * 60;

    private static readonly TimeSpan[] UpperEdges = [TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24), TimeSpan.FromHours(72)];

    public static IReadOnlyList<BacklogAgeBand> Bands { get; } = Enum.GetValues<BacklogAgeBand>();

    /// <summary>The quarter hour (UTC) an instant falls in, counted from the Unix epoch.</summary>
    public static long Slot(DateTimeOffset at) => (long)Math.Floor(at.ToUnixTimeSeconds() / (double)SlotSeconds);

    public static DateTimeOffset SlotStart(long slot) => DateTimeOffset.FromUnixTimeSeconds(slot * SlotSeconds);

    /// <summary>A fact's contribution to the ledger: +1 under its opening slot when it entered the backlog, -1 when it left.</summary>
    public static ImmutableSortedDictionary<long, long> Count(ImmutableSortedDictionary<long, long> ledger, CaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(fact);
        var delta = (fact.EnteredBacklog ? 1 : 0) - (fact.LeftBacklog ? 1 : 0);
        return delta == 0 || fact.OpenedAt is not { } opened ? ledger : Add(ledger, Slot(opened), delta);
    }

    public static ImmutableSortedDictionary<long, long> Merge(ImmutableSortedDictionary<long, long> a, ImmutableSortedDictionary<long, long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Callers fold days into a running ledger passed as `a`, so walking `b` walks the smaller side.
        var builder = a.ToBuilder();
        foreach (var (slot, count) in b)
        {
            var sum = builder.GetValueOrDefault(slot) + count;
            if (sum == 0)
            {
                builder.Remove(slot);
            }
            else
            {
                builder[slot] = sum;
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The band of a case opened at <paramref name="opened"/>, at <paramref name="at"/>.</summary>
    public static BacklogAgeBand BandOf(DateTimeOffset opened, DateTimeOffset at)
    {
        var age = at - opened;
        for (var i = 0; i < UpperEdges.Length; i++)
        {
            if (age <= UpperEdges[i])
            {
                return (BacklogAgeBand)i;
            }
        }

        return BacklogAgeBand.Over3Days;
    }

    /// <summary>
    /// Open cases at <paramref name="at"/> by age band, from the merged ledger of every day before it. A slot is judged
    /// by its start, the oldest a case in it can be; when <paramref name="at"/> is on a slot edge (every local midnight of
    /// today's zones) that is exact.
    /// </summary>
    public static ImmutableSortedDictionary<BacklogAgeBand, long> At(DateTimeOffset at, ImmutableSortedDictionary<long, long> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var bands = Bands.ToImmutableSortedDictionary(b => b, _ => 0L).ToBuilder();
        foreach (var (slot, count) in ledger)
        {
            var band = BandOf(SlotStart(slot), at);
            bands[band] += count;
        }

        return bands.ToImmutable();
    }

    private static ImmutableSortedDictionary<long, long> Add(ImmutableSortedDictionary<long, long> ledger, long slot, long delta)
    {
        var sum = ledger.GetValueOrDefault(slot) + delta;
        return sum == 0 ? ledger.Remove(slot) : ledger.SetItem(slot, sum);
    }
}
