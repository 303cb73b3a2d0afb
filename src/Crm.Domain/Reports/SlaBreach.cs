using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Domain.Reports;

/// <summary>One SLA breach, for the report's appendix: which case, which contract target, when.</summary>
public sealed record SlaBreach(string CaseId, long Sequence, ContractTarget Target, DateTimeOffset At, CaseSeverity Severity, string Category)
{
    /// <summary>The breach a fact records; null for any other fact.</summary>
    public static SlaBreach? From(CaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        if (fact.Type != CaseEventType.SlaBreached || fact.AlertTarget is not { } target)
        {
            return null;
        }

        var contract = target == SlaTarget.FirstResponse ? ContractTarget.FirstResponse
            : fact.Severity == CaseSeverity.Major ? ContractTarget.MajorResolution
            : ContractTarget.Resolution;
        return new SlaBreach(fact.CaseId, fact.Sequence, contract, fact.At, fact.Severity, fact.Category);
    }
}
