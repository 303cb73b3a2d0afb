namespace Crm.Domain.Sla;

/// <summary>Where one SLA target stands. Stored in reports: never renumber.</summary>
public enum SlaStatus
{
    /// <summary>Running, less than the warning share used.</summary>
    Pending = 0,

    /// <summary>Running, past the warning share.</summary>
    Warning = 1,

    /// <summary>Not done and the deadline has passed.</summary>
    Breached = 2,

    /// <summary>Done before the deadline.</summary>
    Met = 3,

    /// <summary>Done, but at or after the deadline.</summary>
    MetLate = 4,
}
