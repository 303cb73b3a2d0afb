namespace Crm.Client.Infrastructure;

/// <summary>
/// One time budget for a whole API request (issue 15): the session check, the command's grain calls and the audit
/// record share it, so a request whose calls are each slow but within Orleans' per-call timeout still fails as a
/// 503 with Retry-After before 5 s, instead of adding 2 s per call. Set by a middleware for /api requests and read
/// by <see cref="DeadlineCallFilter"/> on every grain call the request makes; pages (Blazor circuits) have none.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> Current = new();

    /// <summary>The budget of operations that compute over a period's data (reports, insights, reconciliation).</summary>
    public static readonly TimeSpan ComputeBudget = TimeSpan.FromMinutes(2);

    /// <summary>
    /// For the few operations that compute rather than command (a report rendered, a survey's insights, a period
    /// reconciled): their endpoint's own budget replaces the default once routing has chosen it.
    /// </summary>
    public static TBuilder WithRequestBudget<TBuilder>(this TBuilder builder, TimeSpan budget)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBudgetMetadata(budget));

    /// <summary>After routing: applies the chosen endpoint's <see cref="WithRequestBudget{TBuilder}"/>, if it has one.</summary>
    public static IApplicationBuilder UseEndpointRequestBudgets(this IApplicationBuilder app)
    {
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use((context, next) =>
        {
            if (Current.Value is not null && context.GetEndpoint()?.Metadata.GetMetadata<RequestBudgetMetadata>() is { } own)
            {
                // Set below the outer middleware, so it flows into the endpoint and ends with it.
                Current.Value = time.GetUtcNow() + own.Budget;
            }

            return next(context);
        });
    }

    /// <summary>What is left of the current request's budget, or null outside an API request.</summary>
    public static TimeSpan? Remaining(TimeProvider time) => Current.Value is { } deadline ? deadline - time.GetUtcNow() : null;

    /// <summary>Starts the budget for requests under /api; the exception handler (before it) turns its expiry into a 503.</summary>
    public static IApplicationBuilder UseApiRequestDeadline(this IApplicationBuilder app)
    {
        var budget = (app.ApplicationServices.GetRequiredService<IConfiguration>().GetSection(CrmApiOptions.SectionName).Get<CrmApiOptions>() ?? new CrmApiOptions()).RequestBudget;
        var time = app.ApplicationServices.GetRequiredService<TimeProvider>();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }

            Current.Value = time.GetUtcNow() + budget;
            try
            {
                await next(context);
            }
            finally
            {
                Current.Value = null;
            }
        });
    }
}

/// <summary>An endpoint's own time budget (see <see cref="RequestDeadline.WithRequestBudget{TBuilder}"/>).</summary>
public sealed record RequestBudgetMetadata(TimeSpan Budget);
