using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Security;

public static class SecurityExtensions
{
    public const string RoutingScheme = "crm";
    public const string SignInRateLimit = "sign-in";

    /// <summary>
    /// Cookies for the web UI, bearer tokens for the API and the CLI, and nothing else: requests under /api only ever
    /// authenticate by token, so a browser's cookie cannot be replayed against the API (no CSRF surface there).
    /// Every endpoint needs a signed-in user unless it says otherwise (the fallback policy): the default is deny.
    /// </summary>
    public static WebApplicationBuilder AddCrmSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SecurityOptions.SectionName);
        builder.Services.Configure<SecurityOptions>(section);
        var options = section.Get<SecurityOptions>() ?? new SecurityOptions();

        var protection = builder.Services.AddDataProtection().SetApplicationName("crm");
        if (!string.IsNullOrWhiteSpace(options.DataProtectionKeysPath))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(options.DataProtectionKeysPath));
        }

        builder.Services.AddAuthentication(RoutingScheme)
            .AddPolicyScheme(RoutingScheme, "Cookie for pages, token for /api", scheme => scheme.ForwardDefaultSelector =
                context => context.Request.Path.StartsWithSegments("/api")
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.ExpireTimeSpan = options.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Cookie.Name = "crm.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = options.HttpsOnlyCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            })
            .AddBearerToken(token =>
            {
                token.BearerTokenExpiration = options.TokenLifetime;
                // The scheme name is case-insensitive (RFC 9110 11.1); the handler itself only reads "Bearer ".
                token.Events.OnMessageReceived = context =>
                {
                    context.Token = BearerScheme.TokenOf(context.Request.Headers.Authorization.ToString());
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddTransient<IClaimsTransformation, SessionClaimsTransformation>();
        builder.Services.AddSingleton<AuditTrail>();

        builder.Services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        builder.Services.AddAuthorization(authorization =>
        {
            authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            authorization.AddPermissionPolicies();
        });
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many sign-in attempts.",
                        Detail = "Wait a minute and try again.",
                    },
                });
            };
        });
        return builder;
    }
}
