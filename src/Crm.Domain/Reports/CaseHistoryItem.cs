using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>One stored history row, as reconciliation reads it back (the wire event lives in the contracts).</summary>
public sealed record CaseHistoryItem(long Sequence, DateTimeOffset At, CaseEventType Type, CaseStatus? To = null, SlaTarget? Target = null, string? Text = null);
