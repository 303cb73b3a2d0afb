using System.Collections.Immutable;

namespace Crm.Domain.Reports;

/// <summary>Counting by key, for the aggregates' "by kind, by category, ..." maps.</summary>
public static class Tallies
{
    public static ImmutableSortedDictionary<TKey, long> Increment<TKey>(ImmutableSortedDictionary<TKey, long> counts, TKey key)
        where TKey : notnull =>
        counts.SetItem(key, counts.GetValueOrDefault(key) + 1);

    public static ImmutableSortedDictionary<TKey, TValue> Merge<TKey, TValue>(
        ImmutableSortedDictionary<TKey, TValue> a, ImmutableSortedDictionary<TKey, TValue> b, Func<TValue, TValue, TValue> merge)
        where TKey : notnull
    {
        var builder = a.ToBuilder();
        foreach (var (key, value) in b)
        {
            builder[key] = builder.TryGetValue(key, out var mine) ? merge(mine, value) : value;
        }

        return builder.ToImmutable();
    }

    public static ImmutableSortedDictionary<TKey, long> Merge<TKey>(ImmutableSortedDictionary<TKey, long> a, ImmutableSortedDictionary<TKey, long> b)
        where TKey : notnull => Merge(a, b, (x, y) => x + y);

    /// <summary>Same keys with equal values (records compare dictionaries by reference otherwise).</summary>
    public static bool SameEntries<TKey, TValue>(ImmutableSortedDictionary<TKey, TValue> a, ImmutableSortedDictionary<TKey, TValue> b)
        where TKey : notnull =>
        a.Count == b.Count && a.All(e => b.TryGetValue(e.Key, out var v) && EqualityComparer<TValue>.Default.Equals(e.Value, v));
}
