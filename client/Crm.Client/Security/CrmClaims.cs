using System.Security.Claims;
using Crm.Contracts.Access;

namespace Crm.Client.Security;

/// <summary>
/// Claims of a signed-in principal. A cookie or token carries only the username and the session stamp; the rest is
/// added per request from the user grain (<see cref="SessionClaimsTransformation"/>), so it is never stale.
/// </summary>
public static class CrmClaims
{
    public const string Stamp = "crm:stamp";
    public const string DisplayName = "crm:display-name";
    public const string Operator = "crm:operator";

    /// <summary>The user's own language, when they chose one; request localization reads it first.</summary>
    public const string Language = "crm:language";

    /// <summary>One claim per tenant role, "tenantId|Role".</summary>
    public const string Membership = "crm:membership";

    /// <summary>The authentication type of an identity resolved from the user grain.</summary>
    public const string ResolvedType = "crm-session";

    public static ClaimsPrincipal ForSignIn(string username, string stamp, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, username), new Claim(Stamp, stamp)], scheme));

    public static ClaimsIdentity Resolved(UserSession session, string stamp) =>
        new(
            [
                new Claim(ClaimTypes.Name, session.Username),
                new Claim(Stamp, stamp),
                new Claim(DisplayName, session.DisplayName),
                .. session.IsPlatformOperator ? [new Claim(Operator, "true")] : Array.Empty<Claim>(),
                .. session.Language is { } language ? [new Claim(Language, language)] : Array.Empty<Claim>(),
                .. session.Memberships.SelectMany(m => m.Roles.Select(r => new Claim(Membership, $"{m.TenantId}|{r}"))),
            ],
            ResolvedType);
}
