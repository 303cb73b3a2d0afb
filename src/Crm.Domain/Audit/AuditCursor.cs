using System.Globalization;

namespace Crm.Domain.Audit;

/// <summary>
/// Where the next (older) page of an audit log starts: after entry <see cref="AfterId"/> of <see cref="Month"/>.
/// The token names its tenant, so that a token from another tenant's log is refused rather than quietly read
/// as a position in this one; it is validated because it comes back from callers.
/// </summary>
public sealed record AuditCursor(int Month, string AfterId)
{
    public string Format(string tenantId) =>
        tenantId + ":" + Month.ToString("D6", CultureInfo.InvariantCulture) + ":" + AfterId;

    /// <summary>Parses a token issued for <paramref name="tenantId"/>'s log; false for anything else.</summary>
    public static bool TryParse(string? token, string tenantId, out AuditCursor? cursor)
    {
        cursor = null;
        var parts = token?.Split(':');
        if (parts is not { Length: 3 } || parts[0] != tenantId || parts[1].Length != 6
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !AuditMonth.IsValid(month)
            || !AuditEntryId.IsValid(parts[2])
            || !AuditEntryId.TryTimeOf(parts[2], out var at)
            || AuditMonth.Of(at) != month)
        {
            return false;
        }

        cursor = new AuditCursor(month, parts[2]);
        return true;
    }
}
