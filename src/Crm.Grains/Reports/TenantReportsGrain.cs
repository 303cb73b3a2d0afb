using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Reports;
using Crm.Grains.ServiceDesk;
using Orleans.Concurrency;

namespace Crm.Grains.Reports;

/// <summary>
/// Routes facts to the tenant's days and reads periods from them. Stateless, so it is never the bottleneck of a
/// busy tenant: the day grains hold the counts.
/// </summary>
[StatelessWorker]
public sealed class TenantReportsGrain(IGrainFactory grains, ICaseHistoryScan histories, IAvailabilityStore availability, TimeProvider time)
    : Grain, ITenantReportsGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task RecordCaseAsync(CaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var zone = await ZoneAsync();
        await Day(ReportClock.DayOf(fact.At, zone)).RecordCaseAsync(fact);
    }

    public async Task RecordSurveyAsync(SurveyFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (string.IsNullOrWhiteSpace(fact.ResponseId))
        {
            throw new ValidationFailedException([new FieldError("responseId", "Every survey response has an id.")]);
        }

        var zone = await ZoneAsync();
        await Day(ReportClock.DayOf(fact.At, zone)).RecordSurveyAsync(fact);
    }

    public async Task<PeriodAggregate> GetPeriodAsync(string period)
    {
        var p = ParsePeriod(period);
        var zone = await ZoneAsync();
        var days = await Task.WhenAll(p.Days.Select(d => Day(d).GetAsync()));
        return new PeriodAggregate(p.ToString(), zone.Id, p.StartsAt(zone), p.EndsAt(zone), ReportAggregate.Combine(days));
    }

    public async Task<PeriodBacklog> GetBacklogAsync(string period)
    {
        var p = ParsePeriod(period);
        var zone = await ZoneAsync();
        var now = time.GetUtcNow();
        var end = p.EndsAt(zone);
        var at = end < now ? end : now;
        var last = ReportClock.DayOf(at, zone);

        // Every day from the tenant's first (its creation, or the period's start if that is earlier: seeded or test
        // data): a case opened long ago and still open is in the backlog. The days before the instant's own day are
        // whole; its own day counts up to the instant only when the period is in progress.
        var tenant = await grains.GetGrain<ITenantGrain>(TenantId).GetAsync();
        var first = tenant is null ? last.AddDays(-BacklogDaysWithoutTenant) : ReportClock.DayOf(tenant.CreatedAt, zone);
        first = first > p.Start ? p.Start : first;
        var days = new List<DateOnly>();
        for (var d = first; d < last || (d == last && at < end); d = d.AddDays(1))
        {
            days.Add(d);
        }

        var aggregates = await Task.WhenAll(days.Select(d => Day(d).GetAsync()));
        var ledger = aggregates.Aggregate(System.Collections.Immutable.ImmutableSortedDictionary<long, long>.Empty, (l, a) => BacklogAgeing.Merge(l, a.BacklogByOpening));
        var bands = BacklogAgeing.At(at, ledger);
        return new PeriodBacklog(p.ToString(), at, [.. BacklogAgeing.Bands.Select(b => bands[b])], first);
    }

    public async Task<ImmutableArray<SlaBreach>> GetBreachesAsync(string period)
    {
        var p = ParsePeriod(period);
        var days = await Task.WhenAll(p.Days.Select(d => Day(d).GetBreachesAsync()));
        return [.. days.SelectMany(d => d).OrderBy(b => b.At).ThenBy(b => b.CaseId, StringComparer.Ordinal)];
    }

    public async Task<Reconciliation> ReconcileAsync(string period)
    {
        var p = ParsePeriod(period);
        var zone = await ZoneAsync();
        var desk = grains.GetGrain<IServiceDeskGrain>(TenantId);
        var policies = new Dictionary<int, Domain.Sla.SlaPolicy>();
        var recomputed = p.Days.ToDictionary(d => d, _ => ReportAggregate.Empty);
        long cases = 0, events = 0, inPeriod = 0;
        await foreach (var (caseId, history) in histories.ScanTenantAsync(TenantId))
        {
            cases++;
            events += history.Count;
            var view = await grains.GetGrain<ICaseGrain>(CaseKey.Format(TenantId, caseId)).GetAsync();
            if (view is null)
            {
                continue;
            }

            var version = view.Sla.PolicyVersion;
            if (!policies.TryGetValue(version, out var policy))
            {
                policy = policies[version] = SlaPolicyMapping.ToDomain(await desk.GetSlaPolicyAsync(version));
            }

            var items = history.Select(e => new CaseHistoryItem(e.Sequence, e.At, e.Type, e.To, e.Target, e.Text)).ToList();
            foreach (var fact in CaseReplay.Facts(caseId, view.Kind, view.Channel, view.Severity, view.Category, policy, items))
            {
                var day = ReportClock.DayOf(fact.At, zone);
                if (p.Contains(day))
                {
                    recomputed[day] = recomputed[day].Add(fact);
                    inPeriod++;
                }
            }
        }

        var differences = new List<ReconcileDifference>();
        foreach (var day in p.Days)
        {
            var aggregated = await Day(day).GetAsync();

            // Survey responses are not in the case histories; compare the case part only.
            var expected = recomputed[day];
            var actual = aggregated with { Facts = aggregated.Facts - aggregated.Surveys.Responses, Surveys = SurveyTally.Empty };
            differences.AddRange(AggregateDiff.Between(expected, actual).Select(d => new ReconcileDifference(day, d.Field, d.Expected, d.Actual)));
        }

        return new Reconciliation(p.ToString(), zone.Id, cases, events, inPeriod, [.. differences]);
    }

    public async Task<PeriodAvailability> GetAvailabilityAsync(string period)
    {
        var p = ParsePeriod(period);
        var zone = await ZoneAsync();
        DateTimeOffset from = p.StartsAt(zone), to = p.EndsAt(zone);
        var postedTask = grains.GetGrain<ITenantAvailabilityGrain>(TenantId).GetPostedAsync(p.ToString());
        var samples = await availability.ReadAsync(from, to);
        var posted = await postedTask;
        var measured = AvailabilityMeasure.Of(from, to, samples.FirstHeartbeat, time.GetUtcNow(), samples.UpMinutes);
        var (source, percent) = AvailabilityRules.Choose(posted?.Percent, measured);
        return new PeriodAvailability(
            p.ToString(), from, to, measured.MinutesInPeriod, measured.MinutesMeasured, measured.MinutesUp, measured.MinutesDown, measured.Percent,
            samples.Requests, samples.ServerErrors, posted, source, percent, AvailabilityMeasure.TargetPercent, posted?.Version ?? 0);
    }

    /// <summary>A tenant record is always there in the product; without one (some tests), a year of days is summed.</summary>
    private const int BacklogDaysWithoutTenant = 366;

    private IReportDayGrain Day(DateOnly day) => grains.GetGrain<IReportDayGrain>(ReportKeys.Day(TenantId, day));

    /// <summary>The tenant's zone is its SLA calendar's: the one its contract's working days are counted in.</summary>
    private async Task<TimeZoneInfo> ZoneAsync()
    {
        var policy = await grains.GetGrain<IServiceDeskGrain>(TenantId).GetSlaPolicyAsync();
        return ReportClock.Zone(policy.Calendar.TimeZoneId);
    }

    private static ReportPeriod ParsePeriod(string period) =>
        ReportPeriod.TryParse(period, out var p)
            ? p
            : throw new ValidationFailedException([new FieldError("period", "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).")]);
}
