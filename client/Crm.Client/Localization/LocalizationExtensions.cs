using Crm.Domain.Localization;
using Microsoft.AspNetCore.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// ASP.NET Core's own localization: resource files under <c>Resources/</c> mirroring the namespace below
/// <c>Crm.Client</c>, and a request culture chosen by the user's choice, their tenant's default, the sign-in page's
/// switch, then the browser's Accept-Language. See docs/localization.md.
/// </summary>
public static class LocalizationExtensions
{
    public static WebApplicationBuilder AddCrmLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddSingleton<Labels>();
        builder.Services.AddSingleton<ProblemTexts>();
        builder.Services.AddTransient<MudBlazor.MudLocalizer, CrmMudLocalizer>();
        builder.Services.AddScoped<TenantClock>();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            string[] cultures = [.. Languages.All];
            options.SetDefaultCulture(Languages.Default).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            options.ApplyCurrentCultureToResponseHeaders = true;
            options.RequestCultureProviders =
            [
                new UserLanguageCultureProvider(),
                new SignedOutCookieCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>After authentication, so the user's choice and memberships are known; the Blazor circuit keeps the culture of its connection.</summary>
    public static WebApplication UseCrmLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
