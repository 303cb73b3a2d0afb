using Crm.Client.Infrastructure;
using Crm.Client.Security;
using Crm.Client.Surveys;
using Crm.Contracts.Common;
using Crm.Contracts.Access;
using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Domain.Common;
using Crm.Domain.Surveys;

namespace Crm.Client.Apis;

/// <summary>What a survey's responses say about dissatisfaction: drivers, themes, recommendations (issue 11).</summary>
public static class SurveyInsightsApi
{
    public static IEndpointRouteBuilder MapSurveyInsightsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/tenants/{tenantId}/surveys").WithTags("Surveys")
            .MapGet("/{surveyId}/insights", InsightsAsync)
            .WithName("GetSurveyInsights").WithRequestBudget(RequestDeadline.ComputeBudget)
            .WithSummary("Drivers of dissatisfaction (case facts, channel, category, dimension ratings) ranked by permutation feature importance with its spread and each driver's observed effect with a 95% interval; themes of dissatisfied comments with masked examples; recommendations ranked by expected CSAT gain with their evidence, in the caller's language. Filters as the results take them; below 30 responses (or 10 on either side) enough is false and nothing is invented.")
            .RequirePermission(Permission.SurveyResultsRead).Produces<SurveyInsightsView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> InsightsAsync(
        string tenantId, string surveyId, SurveyInsightCommands insights, HttpContext context,
        DateOnly? from, DateOnly? to, string? source, string? category, string? channel, string? agent)
    {
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(surveyId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No survey '{surveyId}' in tenant '{tenantId}'.");
        }

        var errors = new Dictionary<string, string[]>();
        var query = new SurveyResultsQuery(from, to, QueryEnums.Parse<SurveySource>(source, "source", errors), Blank(category),
            QueryEnums.Parse<CaseChannel>(channel, "channel", errors), Blank(agent));
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await insights.InsightsAsync(context.User, tenantId, surveyId, query));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
