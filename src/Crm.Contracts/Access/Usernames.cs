using System.Text.RegularExpressions;

namespace Crm.Contracts.Access;

/// <summary>Usernames are case-insensitive sign-in names, stored lower-case so one person cannot be two accounts.</summary>
public static partial class Usernames
{
    public const int MaxLength = 64;

    public const string Rule = "A username is 2-64 lower-case letters, digits, '_' or '-'.";

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    /// <summary>2-64 characters: lower-case letters, digits, '_' or '-'; the same shape as other ids, so audit entries can name users.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{1,63}\z")]
    private static partial Regex Pattern();
}
