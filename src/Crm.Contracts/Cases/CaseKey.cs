using System.Security.Cryptography;
using System.Text;

namespace Crm.Contracts.Cases;

/// <summary>
/// Case grain keys carry the tenant: "{tenantId}/{caseId}". A case created with a client request id gets an id
/// derived from it, so a retried request reaches the same grain and cannot make a second case.
/// </summary>
public static class CaseKey
{
    public static string Format(string tenantId, string caseId) => $"{tenantId}/{caseId}";

    public static (string TenantId, string CaseId) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a case key of the form tenant/case.");
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The case id for a request id: "r" and 31 hex digits of its SHA-256, stable across retries.</summary>
    public static string IdForRequest(string requestId) =>
        "r" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestId)))[..31];

    /// <summary>Request ids are what clients use as idempotency keys: 1-100 printable ASCII characters.</summary>
    public static bool IsRequestId(string? value) =>
        value is { Length: >= 1 and <= MaxRequestIdLength } && value.All(c => c is > ' ' and < '\u007f');

    public const int MaxRequestIdLength = 100;

    /// <summary><see cref="IsRequestId"/> as an ECMA-262 pattern for the API document: printable ASCII, no spaces.</summary>
    public const string RequestIdPattern = "^[!-~]{1,100}$";
}
