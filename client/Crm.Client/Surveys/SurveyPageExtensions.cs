using System.Globalization;
using System.Threading.RateLimiting;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Microsoft.AspNetCore.RateLimiting;

namespace Crm.Client.Surveys;

/// <summary>The customer survey page's wiring: its rate limit, and its culture taken from the survey's language.</summary>
public static class SurveyPageExtensions
{
    public const string RateLimit = "survey-page";
    public const string PathPrefix = "/s";

    /// <summary>
    /// Requests to the survey page per client address per minute: plenty for a person (open, submit, a retry) and a
    /// bound on anyone trying tokens, which are unguessable anyway.
    /// </summary>
    public const int RequestsPerMinute = 30;

    public static WebApplicationBuilder AddCrmSurveyPage(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Crm:Surveys:PageRequestsPerMinute", RequestsPerMinute);
        builder.Services.Configure<RateLimiterOptions>(limiter => limiter.AddPolicy(RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) })));
        return builder;
    }

    /// <summary>After request localization: a survey speaks its own language, whatever the browser prefers.</summary>
    public static WebApplication UseSurveyPageCulture(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(PathPrefix, out var rest) && rest.Value?.Count(c => c == '/') == 1,
            branch => branch.Use(async (context, next) =>
            {
                var token = context.Request.Path.Value![(PathPrefix.Length + 1)..];
                if (InvitationToken.IsWellFormed(token))
                {
                    var page = await context.RequestServices.GetRequiredService<IClusterClient>()
                        .GetGrain<IInvitationGrain>(InvitationToken.Hash(token)).OpenAsync();
                    if (page.Content is { } content)
                    {
                        var culture = CultureInfo.GetCultureInfo(content.Language.Tag());
                        CultureInfo.CurrentCulture = culture;
                        CultureInfo.CurrentUICulture = culture;
                    }
                }

                await next(context);
            }));
        return app;
    }
}

/// <summary>The survey language as a culture name, and back.</summary>
public static class SurveyPageCulture
{
    public static string Tag(this SurveyLanguage language) => language == SurveyLanguage.ZhCn ? "zh-CN" : "en";

    public static SurveyLanguage LanguageOf(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? SurveyLanguage.ZhCn : SurveyLanguage.En;
}
