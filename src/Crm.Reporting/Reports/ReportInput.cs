using System.Globalization;
using Crm.Domain.Reports;

namespace Crm.Reporting.Reports;

/// <summary>Everything one report is made of: aggregates only, never the cases themselves.</summary>
/// <param name="Earlier">Aggregates of earlier periods of the same kind, oldest first, for trends.</param>
/// <param name="Availability">The period's service availability, measured and posted; null: not known.</param>
/// <param name="Insights">Each survey's insights for the period (drivers, themes, recommendations), in the report's language.</param>
public sealed record ReportInput(
    string TenantId,
    string TenantName,
    CultureInfo Culture,
    ReportPeriod Period,
    TimeZoneInfo Zone,
    ReportAggregate Current,
    IReadOnlyList<(ReportPeriod Period, ReportAggregate Aggregate)> Earlier,
    ContractTargets Targets,
    IReadOnlyList<SlaBreach> Breaches,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<Crm.Contracts.Surveys.SurveyInsightsView>? Insights = null,
    Crm.Contracts.Reports.PeriodAvailability? Availability = null,
    Crm.Contracts.Reports.PeriodBacklog? Backlog = null);
