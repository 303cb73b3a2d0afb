using System.Globalization;
using System.Text.RegularExpressions;

namespace Crm.Domain.Audit;

/// <summary>
/// Audit entry ids: inverted UTC ticks (19 digits) so that ascending order is newest first, then '-' and 16 random
/// hex digits so that two entries in the same tick never share an id. The id also names the entry's month.
/// </summary>
public static partial class AuditEntryId
{
    public static string New(DateTimeOffset at, ulong random)
    {
        // Stryker disable once String : long.MaxValue less any instant's ticks has 19 digits, so "D19" never pads.
        var inverted = (long.MaxValue - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return inverted + "-" + random.ToString("x16", CultureInfo.InvariantCulture);
    }

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id) && TryTimeOf(id, out _);

    /// <summary>The time encoded in an id; false for a shape or value no id of ours has.</summary>
    public static bool TryTimeOf(string id, out DateTimeOffset at)
    {
        at = default;
        if (id.Length < 19 || !long.TryParse(id.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted))
        {
            return false;
        }

        var ticks = long.MaxValue - inverted;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    // \z, not $: $ also matches before a final newline, and ids come back from callers in tokens.
    [GeneratedRegex(@"^[0-9]{19}-[0-9a-f]{16}\z")]
    private static partial Regex Pattern();
}
