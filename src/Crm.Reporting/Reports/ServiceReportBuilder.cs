using Crm.Domain.Cases;
using Crm.Domain.Reports;
using Crm.Reporting.Charts;

namespace Crm.Reporting.Reports;

/// <summary>Turns a period's aggregates into the report's content, in the tenant's language.</summary>
public static class ServiceReportBuilder
{
    public const int TopCategories = 10;

    public static ServiceReport Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = new ReportText(input.Culture);
        var header = new List<(string, string)>
        {
            (t["Tenant"], input.TenantName),
            (t["Period"], t.Period(input.Period)),
            (t["TimeZone"], input.Zone.Id),
            (t["GeneratedAt"], t.LocalTime(input.GeneratedAt, input.Zone)),
        };
        var sections = new List<ReportSection>
        {
            Kpis(input, t),
            Volumes(input, t),
            Backlog(input, t),
            Breakdown(input, t),
            Satisfaction(input, t),
            Appendix(input, t),
        };
        return new ServiceReport($"{t["Title"]} · {t.Period(input.Period)}", input.Culture.Name, header, sections);
    }

    private static TimeSpan Target(ContractTargets targets, ContractTarget target) => target switch
    {
        ContractTarget.FirstResponse => targets.FirstResponse,
        ContractTarget.Resolution => targets.Resolution,
        _ => targets.MajorResolution,
    };

    /// <summary>The share within the contract target: exact from the histogram when the target is a bucket edge, else the cases' own clocks.</summary>
    public static (long Within, double? Share) WithinTarget(ReportAggregate aggregate, ContractTarget target, TimeSpan limit)
    {
        var times = aggregate.Times(target);
        if (LatencyHistogram.IsEdge(limit))
        {
            var within = times.CountBelow(limit);
            return (within, times.Count == 0 ? null : (double)within / times.Count);
        }

        var sla = aggregate.Sla(target);
        return (sla.Met, sla.MetShare);
    }

    private static ReportSection Kpis(ReportInput input, ReportText t)
    {
        var rows = new List<IReadOnlyList<ReportCell>>();
        foreach (var target in Enum.GetValues<ContractTarget>())
        {
            var limit = Target(input.Targets, target);
            var times = input.Current.Times(target);
            var sla = input.Current.Sla(target);
            var (within, share) = WithinTarget(input.Current, target, limit);
            rows.Add(
            [
                ReportCell.Of(t.Target(target)),
                ReportCell.Of(t.Duration(limit), (decimal)limit.TotalHours),
                ReportCell.Of(t.Number(times.Count), times.Count),
                ReportCell.Of(t.Number(within), within),
                ReportCell.Of(t.Share(share), share is { } s ? Math.Round((decimal)s * 100, 2) : null),
                ReportCell.Of(t.Number(sla.Late), sla.Late),
                ReportCell.Of(t.Number(sla.Warned), sla.Warned),
                ReportCell.Of(t.Number(sla.Breached), sla.Breached),
                Minutes(t, times.Percentile(0.5)),
                Minutes(t, times.Percentile(0.9)),
                Minutes(t, times.Percentile(0.99)),
            ]);
        }

        var table = new ReportTable(
            "kpis",
            t["SectionKpis"],
            [t["ColTarget"], t["ColContract"], t["ColCompleted"], t["ColWithin"], t["ColShare"], t["ColLate"], t["ColWarned"], t["ColBreached"], t["ColP50"], t["ColP90"], t["ColP99"]],
            rows);
        var intro = t.Format("KpisIntro", t.Duration(input.Targets.FirstResponse), t.Duration(input.Targets.Resolution), t.Duration(input.Targets.MajorResolution));
        var chart = ReportCharts.Shares(t, Enum.GetValues<ContractTarget>().Select(target =>
            (t.Target(target), WithinTarget(input.Current, target, Target(input.Targets, target)).Share)).ToList());
        var (availabilityText, availability) = Availability(input, t);
        return new ReportSection(t["SectionKpis"], [intro, availabilityText], [table, availability], [chart]);
    }

    /// <summary>
    /// The period's availability against the contract's 7x24 target: the figure used and its source (the platform's
    /// posted figure wins, else the product's measure), and the measure itself (minutes without a heartbeat are down).
    /// </summary>
    private static (string Paragraph, ReportTable Table) Availability(ReportInput input, ReportText t)
    {
        var a = input.Availability;
        var target = a?.TargetPercent ?? AvailabilityMeasure.TargetPercent;
        static decimal? Round(double? v, int digits) => v is { } x ? Math.Round((decimal)x, digits) : null;
        string Percent(double? v) => v is { } x ? x.ToString("0.000", t.Culture) + "%" : t["NotAvailable"];
        var source = a?.Source ?? AvailabilitySource.None;
        var met = a?.Percent is { } used ? used >= target : (bool?)null;
        IReadOnlyList<ReportCell> Row(string key, string text, decimal? number) => [ReportCell.Of(t[key]), ReportCell.Of(text, number)];
        List<IReadOnlyList<ReportCell>> rows =
        [
            Row("AvailabilityTarget", Percent(target), Round(target, 3)),
            Row("AvailabilityUsed", Percent(a?.Percent), Round(a?.Percent, 3)),
            [ReportCell.Of(t["AvailabilitySource"]), ReportCell.Of(t["AvailabilitySource" + source])],
            [ReportCell.Of(t["AvailabilityMet"]), ReportCell.Of(met switch { true => t["Yes"], false => t["No"], _ => t["NotAvailable"] })],
            Row("AvailabilityPosted", Percent(a?.Posted?.Percent), Round(a?.Posted?.Percent, 3)),
            Row("AvailabilityMeasured", Percent(a?.MeasuredPercent), Round(a?.MeasuredPercent, 3)),
            Row("AvailabilityMinutesMeasured", t.Number(a?.MinutesMeasured ?? 0), a?.MinutesMeasured ?? 0),
            Row("AvailabilityMinutesUp", t.Number(a?.MinutesUp ?? 0), a?.MinutesUp ?? 0),
            Row("AvailabilityMinutesDown", t.Number(a?.MinutesDown ?? 0), a?.MinutesDown ?? 0),
            Row("AvailabilityMinutesNotMeasured", t.Number((a?.MinutesInPeriod ?? 0) - (a?.MinutesMeasured ?? 0)), (a?.MinutesInPeriod ?? 0) - (a?.MinutesMeasured ?? 0)),
            Row("AvailabilityRequests", t.Number(a?.Requests ?? 0), a?.Requests ?? 0),
            Row("AvailabilityServerErrors", t.Number(a?.ServerErrors ?? 0), a?.ServerErrors ?? 0),
            Row("AvailabilityServerErrorShare", Percent(a?.ServerErrorShare * 100), Round(a?.ServerErrorShare * 100, 3)),
        ];
        if (a?.Posted?.Note is { } note)
        {
            rows.Add([ReportCell.Of(t["AvailabilityNote"]), ReportCell.Of(note)]);
        }

        // Mixed text and numbers in the value column: CSV keeps each cell's number where it has one.
        var table = new ReportTable("availability", t["SectionAvailability"], [t["ColMeasure"], t["ColValue"]], rows);
        var paragraph = a?.Percent is { } p
            ? t.Format("AvailabilityIntro", Percent(p), t["AvailabilitySource" + source], Percent(target))
            : t["Availability"];
        return (paragraph, table);
    }

    private static ReportCell Minutes(ReportText t, TimeSpan? d) =>
        ReportCell.Of(t.Duration(d), d is { } v ? Math.Round((decimal)v.TotalMinutes, 1) : null);

    private static long Resolved(ReportAggregate a) => a.EnteredStatus.GetValueOrDefault(CaseStatus.Resolved);

    private static ReportSection Volumes(ReportInput input, ReportText t)
    {
        var previous = input.Earlier.Count > 0 ? input.Earlier[^1].Aggregate : ReportAggregate.Empty;
        (string Key, Func<ReportAggregate, long> Of)[] measures =
        [
            ("Opened", a => a.Opened),
            ("Resolved", Resolved),
            ("Closed", a => a.EnteredStatus.GetValueOrDefault(CaseStatus.Closed)),
            ("Reopened", a => a.Reopened),
            ("Escalated", a => a.Escalated),
            ("Merged", a => a.Merged),
            ("Retriaged", a => a.Retriaged),
        ];
        var volumes = new ReportTable(
            "volumes",
            t["SectionVolumes"],
            [t["ColMeasure"], t["ColThisPeriod"], t["ColPreviousPeriod"], t["ColChange"]],
            [.. measures.Select(m => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(t[m.Key]),
                ReportCell.Of(t.Number(m.Of(input.Current)), m.Of(input.Current)),
                ReportCell.Of(t.Number(m.Of(previous)), m.Of(previous)),
                ReportCell.Of(t.Change(m.Of(input.Current), m.Of(previous)),
                    m.Of(previous) == 0 ? null : Math.Round((m.Of(input.Current) - m.Of(previous)) * 100m / m.Of(previous), 1)),
            ])]);
        var series = input.Earlier.Append((Period: input.Period, Aggregate: input.Current)).ToList();
        var trend = new ReportTable(
            "trend",
            t["TrendTitle"],
            [t["ChartPeriodAxis"], t["ColOpened"], t["ColResolved"], t["ColFirstResponseShare"]],
            [.. series.Select(p =>
            {
                var share = WithinTarget(p.Aggregate, ContractTarget.FirstResponse, input.Targets.FirstResponse).Share;
                return (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(t.Period(p.Period)),
                    ReportCell.Of(t.Number(p.Aggregate.Opened), p.Aggregate.Opened),
                    ReportCell.Of(t.Number(Resolved(p.Aggregate)), Resolved(p.Aggregate)),
                    ReportCell.Of(t.Share(share), share is { } s ? Math.Round((decimal)s * 100, 2) : null),
                ];
            })]);
        var chart = ReportCharts.Volumes(t, [.. series.Select(p => (p.Period.ToString(), p.Aggregate.Opened, Resolved(p.Aggregate)))]);
        return new ReportSection(t["SectionVolumes"], [], [volumes, trend], [chart]);
    }

    private static ReportSection Backlog(ReportInput input, ReportText t)
    {
        var a = input.Current;
        var table = new ReportTable(
            "backlog",
            t["SectionBacklog"],
            [t["ColMeasure"], t["ColCount"]],
            [
                [ReportCell.Of(t["BacklogIn"]), ReportCell.Of(t.Number(a.BacklogIn), a.BacklogIn)],
                [ReportCell.Of(t["BacklogOut"]), ReportCell.Of(t.Number(a.BacklogOut), a.BacklogOut)],
                [ReportCell.Of(t["BacklogChange"]), ReportCell.Of(a.BacklogChange.ToString("+#,0;-#,0;0", t.Culture), a.BacklogChange)],
            ]);
        if (input.Backlog is not { } backlog)
        {
            return new ReportSection(t["SectionBacklog"], [], [table], []);
        }

        // The level and ageing at the period's end: summed from every day's ledger, never from the cases.
        var ageing = new ReportTable(
            "backlog-ageing",
            t["BacklogAgeingTitle"],
            [t["ColAge"], t["ColOpenCases"]],
            [
                .. BacklogAgeing.Bands.Select(b => (IReadOnlyList<ReportCell>)[ReportCell.Of(t["BacklogAge" + b]), ReportCell.Of(t.Number(backlog.Count(b)), backlog.Count(b))]),
                [ReportCell.Of(t["BacklogOpenTotal"]), ReportCell.Of(t.Number(backlog.Open), backlog.Open)],
            ]);
        return new ReportSection(t["SectionBacklog"], [t.Format("BacklogAgeingAt", t.LocalTime(backlog.At, input.Zone))], [table, ageing], []);
    }

    private static ReportSection Breakdown(ReportInput input, ReportText t)
    {
        var a = input.Current;
        ReportTable Counts<TKey>(string id, string titleKey, IEnumerable<(TKey Key, long Count)> counts, Func<TKey, string> label, long total) =>
            new(id, t[titleKey], [t["ColValue"], t["ColCount"], t["ColShareOfTotal"]],
                [.. counts.Select(c => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(label(c.Key)),
                    ReportCell.Of(t.Number(c.Count), c.Count),
                    ReportCell.Of(t.Share(total == 0 ? null : (double)c.Count / total), total == 0 ? null : Math.Round(c.Count * 100m / total, 2)),
                ])]);

        var tables = new[]
        {
            Counts("by-kind", "ByKind", Enum.GetValues<CaseKind>().Select(k => (k, a.OpenedByKind.GetValueOrDefault(k))), t.Kind, a.Opened),
            Counts("by-severity", "BySeverity", Enum.GetValues<CaseSeverity>().Select(k => (k, a.OpenedBySeverity.GetValueOrDefault(k))), t.Severity, a.Opened),
            Counts("by-channel", "ByChannel", Enum.GetValues<CaseChannel>().Select(k => (k, a.OpenedByChannel.GetValueOrDefault(k))), t.Channel, a.Opened),
            Counts("top-categories", "TopCategories",
                a.OpenedByCategory.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(TopCategories).Select(c => (c.Key, c.Value)),
                c => c, a.Opened),
            Counts("status-changes", "StatusChanges", Enum.GetValues<CaseStatus>().Select(k => (k, a.EnteredStatus.GetValueOrDefault(k))), t.Status,
                a.EnteredStatus.Values.Sum()),
        };
        return new ReportSection(t["SectionBreakdown"], [], tables, []);
    }

    private static ReportSection Satisfaction(ReportInput input, ReportText t)
    {
        var s = input.Current.Surveys;
        if (s.Responses == 0)
        {
            return SatisfactionInsights.Append(new ReportSection(t["SectionSatisfaction"], [t["NoSurveys"]], [], []), input, t);
        }

        IReadOnlyList<ReportCell> Mean(string label, MeanTally m) =>
        [
            ReportCell.Of(label),
            ReportCell.Of(t.Number(m.N), m.N),
            ReportCell.Of(t.Number(m.Mean), m.Mean is { } v ? Math.Round((decimal)v, 3) : null),
            ReportCell.Of(m.HalfWidth95 is { } h ? "± " + t.Number(h) : t["NotAvailable"], m.HalfWidth95 is { } hw ? Math.Round((decimal)hw, 3) : null),
        ];

        var rows = new List<IReadOnlyList<ReportCell>> { Mean(t["Csat"], s.Csat) };
        rows.Add(
        [
            ReportCell.Of(t["Nps"]),
            ReportCell.Of(t.Number(s.NpsN), s.NpsN),
            ReportCell.Of(t.Number(s.Nps, "0.0"), s.Nps is { } n ? Math.Round((decimal)n, 1) : null),
            ReportCell.Of(t["NotAvailable"], null),
        ]);
        rows.AddRange(s.Dimensions.Select(d => Mean(t.Format("Dimension", d.Key), d.Value)));
        rows.AddRange(s.ModelScores.Select(d => Mean(t.Format("ModelScore", d.Key), d.Value)));
        var table = new ReportTable("satisfaction", t["SectionSatisfaction"], [t["ColMeasure"], t["ColN"], t["ColMean"], t["ColInterval"]], rows);
        return SatisfactionInsights.Append(new ReportSection(t["SectionSatisfaction"], [], [table], []), input, t);
    }

    private static ReportSection Appendix(ReportInput input, ReportText t)
    {
        var table = new ReportTable(
            "breaches",
            t["SectionAppendix"],
            [t["ColCase"], t["ColTarget"], t["ColBreachedAt"], t["ColSeverity"], t["ColCategory"]],
            [.. input.Breaches.Select(b => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(b.CaseId),
                ReportCell.Of(t.Target(b.Target)),
                ReportCell.Of(t.LocalTime(b.At, input.Zone)),
                ReportCell.Of(t.Severity(b.Severity)),
                ReportCell.Of(b.Category),
            ])]);
        return new ReportSection(t["SectionAppendix"], input.Breaches.Count == 0 ? [t["NoBreaches"]] : [], [table], []);
    }
}
