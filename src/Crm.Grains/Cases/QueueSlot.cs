namespace Crm.Grains.Cases;

/// <summary>
/// Where a case's queue row lives in the table: its shard lane and its urgency sort key. A tenant's rows are spread
/// over <see cref="Shards"/> partitions so that loading the queue is many small range reads, not one huge one.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.queue-slot")]
public sealed record QueueSlot([property: Id(0)] string Lane, [property: Id(1)] string SortKey)
{
    public const int Shards = 16;

    public static IEnumerable<string> AllShardLanes => Enumerable.Range(0, Shards).Select(ShardName);

    /// <summary>The shard of a case: a stable hash of its id (FNV-1a), so it never moves.</summary>
    public static string ShardLane(string caseId)
    {
        var hash = 2166136261u;
        foreach (var c in caseId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return ShardName((int)(hash % Shards));
    }

    private static string ShardName(int shard) => "s" + shard.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
