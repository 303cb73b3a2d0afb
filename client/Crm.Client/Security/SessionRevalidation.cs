using System.Security.Claims;
using Crm.Contracts.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Crm.Client.Security;

/// <summary>
/// A live web UI circuit keeps the principal it started with; this re-checks it against the user grain every minute,
/// so a password reset, a removed user or changed roles also reach pages that are already open (they then go back
/// through sign-in, which picks up the current roles).
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, IClusterClient cluster) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        var user = state.User;
        var username = user.FindFirstValue(ClaimTypes.Name);
        var stamp = user.FindFirstValue(CrmClaims.Stamp);
        if (!Usernames.IsValid(username) || stamp is null)
        {
            return false;
        }

        var session = await cluster.GetGrain<IUserGrain>(username!).GetSessionAsync(stamp);
        return session is not null
               && session.IsPlatformOperator == user.IsPlatformOperator()
               && Fingerprint(session.Memberships) == Fingerprint(user.Memberships());
    }

    private static string Fingerprint(IEnumerable<TenantMembership> memberships) =>
        string.Join(';', memberships.SelectMany(m => m.Roles.Select(r => $"{m.TenantId}|{r}")).Order(StringComparer.Ordinal));
}
