using System.Security.Claims;
using Crm.Contracts.Access;
using Microsoft.AspNetCore.Authentication;

namespace Crm.Client.Security;

/// <summary>
/// Resolves the cookie's or token's username and stamp against the user grain on every request. A removed user or a
/// revoked stamp (password reset or change) turns the request anonymous at once; roles are always current.
/// </summary>
public sealed class SessionClaimsTransformation(IClusterClient cluster) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true } identity || identity.AuthenticationType == CrmClaims.ResolvedType)
        {
            return principal;
        }

        var username = principal.FindFirstValue(ClaimTypes.Name);
        var stamp = principal.FindFirstValue(CrmClaims.Stamp);
        if (!Usernames.IsValid(username) || string.IsNullOrEmpty(stamp))
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        var session = await cluster.GetGrain<IUserGrain>(username!).GetSessionAsync(stamp);
        return session is null ? new ClaimsPrincipal(new ClaimsIdentity()) : new ClaimsPrincipal(CrmClaims.Resolved(session, stamp));
    }
}
