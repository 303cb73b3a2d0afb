using System.Security.Cryptography;
using Crm.Domain.Common;

namespace Crm.Domain.Access;

/// <summary>
/// Length is what makes a password strong (NIST SP 800-63B): at least 12 characters, no composition rules. The cap keeps
/// one sign-in from costing unbounded hashing work.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    // No 0/O, 1/l/I: generated passwords are read off a screen and typed.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static FieldProblem? Check(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            return new(field, "A password is required.");
        }

        if (password.Length < MinLength)
        {
            return new(field, $"At least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            return new(field, $"At most {MaxLength} characters.");
        }

        return password.Distinct().Count() < 4 ? new(field, "Use more than three different characters.") : null;
    }

    /// <summary>20 characters from a 56-letter alphabet: about 116 bits.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
