using System.Collections.Immutable;

namespace Crm.Silo.Reports;

/// <summary>A tenant's schedule, and how far its ticks have made every due period.</summary>
[GenerateSerializer, Alias("crm.reports.schedule-state")]
public sealed record ReportScheduleState
{
    [Id(0)] public bool Weekly { get; init; }

    [Id(1)] public bool Monthly { get; init; }

    [Id(2)] public bool Quarterly { get; init; }

    [Id(3)] public TimeOnly At { get; init; } = Domain.Reports.ReportSchedule.DefaultAt;

    /// <summary>Every period due up to here is made; the next tick looks after it. Null while the schedule is off.</summary>
    [Id(4)] public DateTimeOffset? CheckedThrough { get; init; }

    [Id(5)] public string? UpdatedBy { get; init; }

    /// <summary>Who each scheduled report is mailed to (<see cref="Mail.IReportMailGrain"/>).</summary>
    [Id(6)] public ImmutableArray<string> Recipients { get; init; } = [];

    public Domain.Reports.ReportSchedule Schedule => new(Weekly, Monthly, Quarterly, At);
}
