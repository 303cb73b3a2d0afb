using System.Globalization;

namespace Crm.Domain.Customers;

/// <summary>
/// Paging over a customer's archive, newest first. The token is the sequence number the next page starts
/// at; it is validated because it comes back from callers.
/// </summary>
public static class ArchiveCursor
{
    public static string? Next(long lowestSequenceOnPage) =>
        lowestSequenceOnPage > 1 ? (lowestSequenceOnPage - 1).ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>The sequence to start from: the newest entry when no token is given.</summary>
    public static bool TryStart(string? token, long newestSequence, out long start)
    {
        if (string.IsNullOrEmpty(token))
        {
            start = newestSequence;
            return true;
        }

        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out start)
               && start >= 1 && start <= newestSequence;
    }
}
