using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Domain.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Account;

/// <summary>
/// The top bar's language switch posts here (a plain form, so it works on the sign-in page too). A signed-in user's
/// choice is stored with the user; the cookie carries it on the sign-in page. Then the page reloads in the new language.
/// </summary>
public static class LanguageEndpoints
{
    public const string Path = "/account/language";

    public static IEndpointRouteBuilder MapLanguageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SwitchAsync).AllowAnonymous().ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    public static async Task<IResult> SwitchAsync([FromForm] string? culture, [FromForm] string? returnUrl, HttpContext context, IClusterClient cluster)
    {
        var target = AccountEndpoints.IsLocal(returnUrl) ? returnUrl! : "/";
        if (Languages.Normalize(culture) is not { } language)
        {
            return TypedResults.LocalRedirect(target);
        }

        if (context.User.Identity?.AuthenticationType == CrmClaims.ResolvedType)
        {
            await cluster.GetGrain<IUserGrain>(context.User.Username()).SetLanguageAsync(language);
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(target);
    }
}
