namespace Crm.Domain.Sla;

/// <summary>Which contractual target an SLA alert is about. Stored: never renumber.</summary>
public enum SlaTarget
{
    FirstResponse = 0,
    Resolution = 1,
}
