using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Domain.Surveys;

/// <summary>
/// The one-time link token of an invitation: 32 random bytes (256 bits) from the OS generator, base64url, so it
/// cannot be guessed or enumerated. Storage keeps only its SHA-256, so a leaked table row opens no survey.
/// </summary>
public static class InvitationToken
{
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The shape every token has; anything else is answered "unknown link" without a lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>What storage keys the invitation by: lowercase hex SHA-256 of the token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
