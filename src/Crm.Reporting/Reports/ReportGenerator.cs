using System.Globalization;
using Crm.Contracts.Access;
using Crm.Contracts.Reports;
using Crm.Contracts.ServiceDesk;
using Crm.Contracts.Surveys;
using Crm.Domain.Localization;
using Crm.Domain.Reports;
using Orleans;

namespace Crm.Reporting.Reports;

/// <summary>
/// Builds a tenant's report for any period from the aggregates alone (the period, five earlier ones for trends,
/// the period's breaches): never from the cases. The API, the web UI and the silos' scheduled reports all generate
/// through here.
/// </summary>
public sealed class ReportGenerator(IGrainFactory cluster, TimeProvider time)
{
    public const int EarlierPeriods = 5;

    /// <param name="language">zh-CN or en; null for the tenant's default language.</param>
    public async Task<ServiceReport> GenerateAsync(string tenantId, ReportPeriod period, string? language, CancellationToken cancellationToken = default)
    {
        var reports = cluster.GetGrain<ITenantReportsGrain>(tenantId);
        var earlierPeriods = new List<ReportPeriod>();
        for (var p = period.Previous; earlierPeriods.Count < EarlierPeriods; p = p.Previous)
        {
            earlierPeriods.Insert(0, p);
        }

        var currentTask = reports.GetPeriodAsync(period.ToString());
        var earlierTask = Task.WhenAll(earlierPeriods.Select(p => reports.GetPeriodAsync(p.ToString())));
        var breachesTask = reports.GetBreachesAsync(period.ToString());
        var policyTask = cluster.GetGrain<IServiceDeskGrain>(tenantId).GetSlaPolicyAsync();
        var tenantTask = cluster.GetGrain<ITenantGrain>(tenantId).GetAsync();
        var availabilityTask = reports.GetAvailabilityAsync(period.ToString());
        var backlogTask = reports.GetBacklogAsync(period.ToString());
        var current = await currentTask;
        var earlier = await earlierTask;
        var policy = await policyTask;
        var tenant = await tenantTask;
        var input = new ReportInput(
            tenantId,
            tenant?.Name ?? tenantId,
            CultureInfo.GetCultureInfo(language ?? Languages.Normalize(tenant?.Language) ?? Languages.Default),
            period,
            ReportClock.Zone(current.TimeZoneId),
            current.Aggregate,
            [.. earlierPeriods.Zip(earlier, (p, a) => (p, a.Aggregate))],
            new ContractTargets(policy.FirstResponse, policy.Resolution, policy.MajorResolution),
            await breachesTask,
            time.GetUtcNow(),
            Availability: await availabilityTask,
            Backlog: await backlogTask);
        cancellationToken.ThrowIfCancellationRequested();
        return ServiceReportBuilder.Build(input with { Insights = await InsightsAsync(tenantId, period, input.Culture.Name) });
    }

    /// <summary>
    /// Each survey's insights for the period's days (from its responses, cached by the survey's insights grain; never
    /// the cases). Surveys without a response in the period are left out.
    /// </summary>
    private async Task<IReadOnlyList<SurveyInsightsView>> InsightsAsync(string tenantId, ReportPeriod period, string language)
    {
        var surveys = await cluster.GetGrain<ISurveyCatalogGrain>(tenantId).ListSurveysAsync();
        var query = new SurveyResultsQuery(period.Start, period.End.AddDays(-1));
        var views = await Task.WhenAll(surveys.Select(s =>
            cluster.GetGrain<ISurveyInsightsGrain>(SurveyKey.Format(tenantId, s.SurveyId)).GetInsightsAsync(query, language)));
        return [.. views.Where(v => v.Responses > 0)];
    }
}
