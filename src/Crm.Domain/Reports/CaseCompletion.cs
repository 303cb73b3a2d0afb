using Crm.Domain.Cases;

namespace Crm.Domain.Reports;

/// <summary>A target reached: the working time it took on the case's SLA calendar, and whether before the deadline.</summary>
public sealed record CaseCompletion(TimeSpan WorkingTime, bool Met, CaseSeverity Severity);
