using System.Security.Cryptography;
using System.Text;

namespace Crm.Storage.AzureTables.Protection;

/// <summary>
/// The key of an exact-match index over encrypted values: HMAC-SHA256 under the lookup key, in lowercase hex
/// (safe in a table key). Without the key, the index cannot be checked against guessed phone numbers.
/// </summary>
public sealed class LookupHasher(PersonalDataKeyRing keys)
{
    /// <summary>Hashes an already normalised value; <paramref name="kind"/> keeps an email and a phone with equal text apart.</summary>
    public string Hash(string kind, string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(keys.LookupKey, Encoding.UTF8.GetBytes(kind + ":" + normalizedValue)));
}
