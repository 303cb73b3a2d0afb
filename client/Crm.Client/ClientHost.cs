using Crm.Client.Components;
using Crm.Client.Account;
using Crm.Client.Infrastructure;
using Crm.Client.Localization;
using Crm.Client.Security;
using Crm.Client.Surveys;
using Crm.ServiceDefaults;
using Scalar.AspNetCore;

namespace Crm.Client;

/// <summary>The front end host, buildable from tests with the same wiring as production.</summary>
public static class ClientHost
{
    /// <param name="configure">Extra wiring for tests (a log capture, say), applied last.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CrmHostBuilder.Create(args, typeof(ClientHost).Assembly);

        // Serve package and framework assets (MudBlazor, blazor.web.js) from a build output in every environment;
        // a published app has no runtime manifest and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.AddCrmClusterClient();
        builder.AddCrmSecurity();
        builder.AddCrmApi();
        builder.AddCrmWebUi();
        builder.AddCrmLocalization();
        builder.AddCrmSurveyPage();
        builder.AddServiceTraffic();

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseServiceTraffic();
        app.UseExceptionHandler();
        app.UseApiRequestDeadline();
        app.UseApiHeadAsGet();
        // API paths answer a bare status with problem details; the UI's re-execute a rendered, localized page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), ui => ui.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true));

        // Routing after the status pages, so a re-executed request finds the status page's endpoint.
        app.UseRouting();
        app.UseEndpointRequestBudgets();
        app.UseAuthentication();
        app.UseRevokedSessionsAsSignedOut();
        app.UseCrmLocalization();
        app.UseSurveyPageCulture();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // The only doors without sign-in: assets, probes, the API description, and the sign-in itself.
        app.MapStaticAssets().AllowAnonymous();
        app.MapDefaultEndpoints();
        app.MapCrmApis();
        // Served from the package alone: no fonts, telemetry or scripts from the internet.
        app.MapScalarApiReference(options => options.DisableDefaultFonts().DisableTelemetry()).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapCrmOperatorDashboard();
        app.MapLanguageEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
