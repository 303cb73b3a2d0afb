using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Domain.Surveys;

/// <summary>
/// The one-time link token of an invitation: HMAC-SHA256 of the tenant and invitation id under a secret key that
/// never leaves the silo, base64url (256 bits), so it cannot be guessed or enumerated without the key. Deriving it
/// rather than drawing it means a retried issue makes the same link and the platform's CSV can be produced again,
/// while storage keeps no token at all: invitations are found by the token's SHA-256.
/// </summary>
public static class InvitationToken
{
    public const int Length = 43;

    public static string Derive(byte[] key, string tenantId, string invitationId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 32);
        return Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"crm.survey-invitation:{tenantId}/{invitationId}")));
    }

    /// <summary>The shape every token has; anything else is answered "unknown link" without a lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    /// <summary>What storage keys the invitation by: lowercase hex SHA-256 of the token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
