using Orleans.Runtime;

namespace Crm.Storage.AzureTables.GrainStorage;

/// <summary>The PartitionKey and RowKey of the row that holds one state of one grain.</summary>
/// <remarks>
/// PartitionKey = serviceId|grainType|keyPrefix, where keyPrefix is the grain key up to its first '/' (the whole key
/// when it has none). Crm grain keys are "tenant/…", so one tenant's grains of one type share a partition, and their
/// writes can later be batched into entity group transactions (one partition, at most 100 entities each).
/// RowKey = stateName|grainId: the full grain id keeps grains of one partition apart and lets a grain hold several
/// named states side by side.
/// Every component is escaped with <see cref="TableKey"/>, and '|' as well, so splitting a key on '|' gives back
/// exactly its components: different (serviceId, grainId, stateName) never share a row, even when they differ only in
/// characters Azure forbids in keys.
/// </remarks>
public static class GrainStateKeys
{
    public const char Separator = '|';

    public static string PartitionKey(string serviceId, GrainId grainId)
    {
        var key = grainId.Key.ToString() ?? string.Empty;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? key : key[..slash];
        return Join(grainId, Component(serviceId), Component(grainId.Type.ToString() ?? string.Empty), Component(prefix));
    }

    public static string RowKey(string stateName, GrainId grainId) =>
        Join(grainId, Component(stateName), Component(grainId.ToString()));

    /// <summary>Splits a key built here back into its unescaped components.</summary>
    public static string[] Split(string key) =>
        key.Split(Separator).Select(TableKey.Unescape).ToArray();

    // TableKey leaves '|' alone; escaping it the same way ("%7C") keeps the key reversible with TableKey.Unescape.
    private static string Component(string value) => TableKey.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);

    private static string Join(GrainId grainId, params string[] components)
    {
        var key = string.Join(Separator, components);
        if (key.Length > TableKey.MaxLength)
        {
            throw new ArgumentException(
                $"The table key for grain {grainId} is {key.Length} characters once encoded; Azure Tables keys hold at most {TableKey.MaxLength}.",
                nameof(grainId));
        }

        return key;
    }
}
