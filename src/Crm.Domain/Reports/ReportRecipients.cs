using System.Net.Mail;

namespace Crm.Domain.Reports;

/// <summary>Who a tenant's scheduled reports are mailed to: plain addresses, a short list, no repeats.</summary>
public static class ReportRecipients
{
    public const int Max = 20;

    /// <summary>The longest address SMTP carries (RFC 5321's 254-character path).</summary>
    public const int MaxLength = 254;

    public const string Rule = "Up to 20 e-mail addresses, e.g. manager@example.com.";

    /// <summary>The addresses trimmed, lower-cased and without repeats, or null when any is not a plain address.</summary>
    public static IReadOnlyList<string>? Normalize(IEnumerable<string?>? addresses)
    {
        var result = new List<string>();
        foreach (var raw in addresses ?? [])
        {
            // MailAddress also accepts "Name <a@b>" and comments; a recipient is only the address itself.
            if (raw?.Trim() is not { Length: > 0 and <= MaxLength } address || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !parsed.Host.Contains('.', StringComparison.Ordinal))
            {
                return null;
            }

            var lower = address.ToLowerInvariant();
            if (!result.Contains(lower, StringComparer.Ordinal))
            {
                result.Add(lower);
            }
        }

        return result.Count > Max ? null : result;
    }
}
