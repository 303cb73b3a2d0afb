namespace Crm.Reporting.Reports;

/// <summary>The contract's targets a report measures against (the contract's defaults: 2 h, 4 h, 24 h).</summary>
public sealed record ContractTargets(TimeSpan FirstResponse, TimeSpan Resolution, TimeSpan MajorResolution)
{
    public static ContractTargets Contract { get; } = new(TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(24));
}
