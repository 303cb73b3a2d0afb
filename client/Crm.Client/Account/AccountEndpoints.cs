using Crm.Client.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Account;

/// <summary>
/// The web sign-in form posts here (a plain form with an antiforgery token, so it works before any circuit exists);
/// on success the browser gets the session cookie and goes where it was headed.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SecurityExtensions.SignInRateLimit);
        account.MapPost("/logout", (Delegate)SignOutAsync).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext context, IClusterClient cluster, AuditTrail audit)
    {
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        var session = await SignIn.CheckAsync(cluster, audit, username, password);
        if (session is null)
        {
            return TypedResults.LocalRedirect("/account/login?failed=1&returnUrl=" + Uri.EscapeDataString(target));
        }

        await context.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            CrmClaims.ForSignIn(session.Value.Username, session.Value.Stamp, CookieAuthenticationDefaults.AuthenticationScheme));
        return TypedResults.LocalRedirect(target);
    }

    public static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.LocalRedirect("/account/login");
    }

    // Only paths on this site: an open redirect would let a phishing link bounce through our sign-in page.
    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
