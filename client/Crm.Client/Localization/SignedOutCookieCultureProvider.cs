using Crm.Client.Security;
using Microsoft.AspNetCore.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// The language switch's cookie, honoured only while signed out (the sign-in page): once someone signs in, their own
/// stored choice or their tenant's default speaks for them, not whoever last used the browser.
/// </summary>
public sealed class SignedOutCookieCultureProvider : CookieRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        httpContext.User.Identity?.AuthenticationType == CrmClaims.ResolvedType
            ? NullProviderCultureResult
            : base.DetermineProviderCultureResult(httpContext);
}
