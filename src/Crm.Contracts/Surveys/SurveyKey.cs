using System.Security.Cryptography;
using System.Text;

namespace Crm.Contracts.Surveys;

/// <summary>
/// Keys of the per-survey grains ("{tenantId}/{surveyId}") and of per-customer ones ("{tenantId}/{customerId}"),
/// and the ids derived from content, so a retried or re-imported item meets the same id and adds nothing.
/// </summary>
public static class SurveyKey
{
    public static string Format(string tenantId, string id) => $"{tenantId}/{id}";

    public static (string TenantId, string Id) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a key of the form tenant/id.");
        }

        return (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>An id for <paramref name="content"/>: the prefix and 31 hex digits of its SHA-256.</summary>
    public static string Derive(char prefix, string content) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..31];
}
