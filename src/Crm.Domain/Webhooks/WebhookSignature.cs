using System.Security.Cryptography;
using System.Text;

namespace Crm.Domain.Webhooks;

/// <summary>
/// The X-Crm-Signature of a delivery: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of "{timestamp}.{body}"
/// under the tenant's secret. The timestamp inside the signed text lets receivers refuse replays of old deliveries.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>A new secret: 32 random bytes as 64 lowercase hex digits.</summary>
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>What a receiver shows to recognise the secret without revealing it.</summary>
    // Stryker disable once Equality : a secret of exactly four characters is its own last four.
    public static string Hint(string secret) => secret.Length <= 4 ? secret : secret[^4..];

    public static string Sign(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of the body, compared in constant time.</summary>
    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
