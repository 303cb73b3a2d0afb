using System.Text.RegularExpressions;

namespace Crm.Contracts.Access;

/// <summary>Usernames are case-insensitive sign-in names, stored lower-case so one person cannot be two accounts.</summary>
public static partial class Usernames
{
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    /// <summary>2-64 characters: lower-case letters, digits, '.', '_', '-' (and '@' so emails can be usernames).</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{1,63}$")]
    private static partial Regex Pattern();
}
