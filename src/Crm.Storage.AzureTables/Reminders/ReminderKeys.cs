using System.Globalization;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Reminders;

/// <summary>The PartitionKey and RowKey of the row that holds one reminder.</summary>
/// <remarks>
/// PartitionKey = serviceId|HHHHHHHH, the grain's uniform hash as eight upper-case hex digits, so that the hash ranges
/// the reminder service asks for (<see cref="Orleans.IReminderTable.ReadRows(uint, uint)"/>) are range queries on the
/// PartitionKey: fixed-width upper-case hex sorts as the numbers do.
/// RowKey = grainType|grainKey|reminderName, so one grain's reminders share the prefix grainType|grainKey|.
/// Every component is escaped with <see cref="TableKey"/>, and '|' as well, so no component holds a separator: two
/// service ids never share a partition (nor one's range another's), and (grain, name) pairs never share a row, even
/// when they differ only in '/', '|', '%' or characters Azure forbids in keys. Orleans' provider joins with '_' and '-'
/// unescaped and maps '/' to '_', so "a/b" and "a_b" collide there.
/// </remarks>
public static class ReminderKeys
{
    public const char Separator = '|';

    // The character after '|': "prefix|" <= key < "prefix}" holds exactly the keys that start with "prefix|".
    private const char AfterSeparator = '}';

    public static string PartitionKey(string serviceId, GrainId grainId) => PartitionKey(serviceId, grainId.GetUniformHashCode());

    public static string PartitionKey(string serviceId, uint grainHash) =>
        Component(serviceId) + Separator + grainHash.ToString("X8", CultureInfo.InvariantCulture);

    public static string RowKey(GrainId grainId, string reminderName)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        return Checked(GrainPrefix(grainId) + Component(reminderName), grainId);
    }

    /// <summary>The bounds [lower, upper) of the RowKeys of one grain's reminders.</summary>
    public static (string Lower, string Upper) GrainRowKeyRange(GrainId grainId)
    {
        var prefix = GrainPrefix(grainId);
        return (prefix, prefix[..^1] + AfterSeparator);
    }

    /// <summary>Splits a key built here back into its unescaped components.</summary>
    public static string[] Split(string key) => key.Split(Separator).Select(TableKey.Unescape).ToArray();

    private static string GrainPrefix(GrainId grainId) =>
        Component(grainId.Type.ToString() ?? string.Empty) + Separator + Component(grainId.Key.ToString() ?? string.Empty) + Separator;

    // TableKey leaves '|' alone; escaping it the same way ("%7C") keeps the key reversible with TableKey.Unescape.
    private static string Component(string value) => TableKey.Escape(value).Replace("|", "%7C", StringComparison.Ordinal);

    private static string Checked(string key, GrainId grainId) => key.Length <= TableKey.MaxLength
        ? key
        : throw new ArgumentException(
            $"The reminder key for grain {grainId} is {key.Length} characters once encoded; Azure Tables keys hold at most {TableKey.MaxLength}.",
            nameof(grainId));
}
