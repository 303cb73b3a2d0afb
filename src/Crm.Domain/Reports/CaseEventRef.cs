using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>The parts of a case event a fact is made of (the wire event lives in the contracts).</summary>
public sealed record CaseEventRef(string CaseId, long Sequence, DateTimeOffset At, CaseEventType Type, SlaTarget? Target = null);
