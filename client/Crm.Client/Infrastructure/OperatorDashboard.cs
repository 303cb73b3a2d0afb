using Crm.Client.Security;
using Crm.Contracts.Access;
using Orleans.Dashboard;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Orleans' dashboard (silos, activations, calls, reminders) for the platform operator, served by the front end as an
/// Orleans client behind our own sign-in (the platform operator's permission, the session re-checked on every request),
/// rather than on a port of its own on every silo with a password of its own.
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/operator/dashboard";

    /// <summary>What the dashboard offers that an operator must not have: a grain's state (customers' personal data, decrypted).</summary>
    private static readonly string[] Refused = ["/GrainState", "/Trace"];

    public static IClientBuilder AddCrmOperatorDashboard(this IClientBuilder client) =>
        // The live log stream carries other tenants' activity; operators read logs where the deployment keeps them.
        client.AddDashboard(options => options.HideTrace = true);

    public static WebApplication MapCrmOperatorDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(Path)
            .RequirePermission(Permission.TenantsManage)
            .AddEndpointFilter((context, next) =>
                Refused.Any(r => context.HttpContext.Request.Path.Value?.EndsWith(r, StringComparison.OrdinalIgnoreCase) == true)
                    ? ValueTask.FromResult<object?>(Results.StatusCode(StatusCodes.Status403Forbidden))
                    : next(context));
        return app;
    }
}
