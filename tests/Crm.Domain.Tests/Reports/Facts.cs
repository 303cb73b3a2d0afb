using System.Collections.Immutable;
using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Domain.Sla;

namespace Crm.Domain.Tests.Reports;

/// <summary>Arbitrary facts and survey responses made from the primitives FsCheck generates.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset MonthStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Categories = ["billing", "delivery", "other", "returns"];
    private static readonly CaseEventType[] Types = Enum.GetValues<CaseEventType>();
    private static readonly CaseStatus[] Statuses = Enum.GetValues<CaseStatus>();

    public static CaseFact Case(ulong seed, int index)
    {
        var s = seed;
        int Next(int n)
        {
            var r = (int)(s % (ulong)n);
            s = (s / (ulong)n) ^ (s * 0x9E3779B97F4A7C15UL);
            return r;
        }

        var type = Types[Next(Types.Length)];
        var at = MonthStart.AddMinutes(Next(30 * 24 * 60));
        var severity = (CaseSeverity)Next(2);
        CaseCompletion? Completion() => Next(3) == 0 ? new CaseCompletion(TimeSpan.FromMinutes(Next(3000)), Next(2) == 0, severity) : null;
        return new CaseFact(
            $"case-{Next(50)}",
            index,
            at,
            type,
            (CaseKind)Next(3),
            (CaseChannel)Next(5),
            severity,
            Categories[Next(Categories.Length)],
            EnteredStatus: Next(2) == 0 ? Statuses[Next(Statuses.Length)] : null,
            EnteredBacklog: Next(4) == 0,
            LeftBacklog: Next(4) == 0,
            AlertTarget: type is CaseEventType.SlaWarning or CaseEventType.SlaBreached ? (SlaTarget)Next(2) : null,
            FirstResponse: Completion(),
            Resolution: Completion(),
            OpenedAt: at.AddMinutes(-Next(6000)));
    }

    public static SurveyFact Survey(ulong seed, int index) => new(
        $"r-{index}",
        MonthStart.AddMinutes((long)(seed % (30 * 24 * 60))),
        seed % 7 == 0 ? null : (int)(seed % 5) + 1,
        seed % 5 == 0 ? null : (int)(seed % 11),
        ImmutableDictionary<string, double>.Empty.Add("speed", (seed % 500) / 100.0),
        seed % 2 == 0 ? ImmutableDictionary<string, double>.Empty : ImmutableDictionary<string, double>.Empty.Add("sentiment", (seed % 1000) / 1000.0));

    public static ReportAggregate Fold(IEnumerable<CaseFact> facts) => facts.Aggregate(ReportAggregate.Empty, (a, f) => a.Add(f));

    public static IReadOnlyList<CaseFact> Many(ulong[] seeds) => [.. seeds.Select((seed, i) => Case(seed, i))];

    public static ReportAggregate Mixed(ulong[] seeds)
    {
        var a = Fold(Many(seeds));
        return seeds.Where(s => s % 3 == 0).Select((s, i) => Survey(s, i)).Aggregate(a, (x, f) => x.Add(f));
    }
}
