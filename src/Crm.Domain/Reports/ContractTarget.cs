namespace Crm.Domain.Reports;

/// <summary>The contract's three SLA targets a report measures. Stored: never renumber.</summary>
public enum ContractTarget
{
    /// <summary>First response (2 h in the contract).</summary>
    FirstResponse = 0,

    /// <summary>Resolution of a case of normal severity (4 h).</summary>
    Resolution = 1,

    /// <summary>Resolution of a major fault (24 h).</summary>
    MajorResolution = 2,
}
