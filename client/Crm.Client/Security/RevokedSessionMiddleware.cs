using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Crm.Client.Security;

/// <summary>
/// A cookie or token that decrypted fine but whose session the user grain no longer honours (password reset, user
/// removed) must be "not signed in" (401, or the sign-in page), not "signed in but forbidden" (403). The claims
/// transformation can only make the principal anonymous; this turns the request's authentication into a failure.
/// </summary>
public static class RevokedSessionMiddleware
{
    public static IApplicationBuilder UseRevokedSessionsAsSignedOut(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var feature = context.Features.Get<IAuthenticateResultFeature>();
            if (feature?.AuthenticateResult is { Succeeded: true } && context.User.Identity?.IsAuthenticated != true)
            {
                feature.AuthenticateResult = AuthenticateResult.Fail("The session was revoked.");
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }

            return next(context);
        });
}
