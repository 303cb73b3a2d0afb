namespace Crm.Grains.Cases;

/// <summary>
/// Where one queue row of a case lives: the lane (the whole tenant queue, one assignee's cases, the unassigned,
/// the escalated) and the row's urgency sort key within it.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.queue-slot")]
public sealed record QueueSlot([property: Id(0)] string Lane, [property: Id(1)] string SortKey)
{
    public const string AllLane = "all";
    public const string EscalatedLane = "esc";

    public static string AssigneeLane(string? assignee) => "a:" + (assignee ?? "-");
}
