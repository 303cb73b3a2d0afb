using System.Security.Claims;
using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Domain.Localization;
using Microsoft.AspNetCore.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// A signed-in user's language: their own choice (a claim from the user grain, so it is current on every request),
/// else the default of the tenant they work in: the one in the address when they belong to it, else their first.
/// Signed-out requests and users with neither fall through to the next provider.
/// </summary>
public sealed class UserLanguageCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var user = httpContext.User;
        if (user.Identity?.AuthenticationType != CrmClaims.ResolvedType)
        {
            return null;
        }

        if (Languages.Normalize(user.FindFirstValue(CrmClaims.Language)) is { } own)
        {
            return new ProviderCultureResult(own);
        }

        var memberships = user.Memberships();
        var inAddress = TenantRoute.Of(httpContext.Request.Path);
        var tenant = memberships.Any(m => m.TenantId == inAddress) ? inAddress : memberships.FirstOrDefault()?.TenantId;
        if (tenant is null)
        {
            return null;
        }

        var cluster = httpContext.RequestServices.GetRequiredService<IClusterClient>();
        var language = Languages.Normalize(await cluster.GetGrain<ITenantGrain>(tenant).GetLanguageAsync());
        return language is null ? null : new ProviderCultureResult(language);
    }
}
