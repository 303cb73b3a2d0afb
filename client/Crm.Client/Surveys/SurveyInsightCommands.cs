using System.Globalization;
using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Audit;
using Crm.Contracts.Scoring;
using Crm.Contracts.Surveys;
using Crm.Domain.Localization;
using Crm.Domain.Privacy;

namespace Crm.Client.Surveys;

/// <summary>
/// A survey's insights for the API and the dashboard alike: the survey must exist, the read is audited, texts come in
/// the caller's language, and example comments are masked for whoever may not see personal data, as in the drill-down.
/// </summary>
public sealed class SurveyInsightCommands(IClusterClient cluster, SurveyCommands surveys, AuditTrail audit)
{
    public async Task<SurveyInsightsView> InsightsAsync(ClaimsPrincipal user, string tenantId, string surveyId, SurveyResultsQuery query, string? language = null)
    {
        await surveys.RequireSurveyAsync(tenantId, surveyId);
        var lang = Languages.Normalize(language ?? CultureInfo.CurrentUICulture.Name) ?? Languages.Default;
        var insights = await cluster.GetGrain<ISurveyInsightsGrain>(SurveyKey.Format(tenantId, surveyId)).GetInsightsAsync(query, lang);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Survey, surveyId, "insights");
        return CustomerMasking.NeedsMask(user, tenantId)
            ? insights with { Themes = [.. insights.Themes.Select(t => t with { Examples = [.. t.Examples.Select(PersonalDataMask.FreeText)] })] }
            : insights;
    }

    /// <summary>The drill-down with each comment's tone and score, optionally of one tone; comments masked as in <see cref="SurveyCommands.ResponsesAsync"/>.</summary>
    public async Task<ScoredResponsePage> ScoredResponsesAsync(
        ClaimsPrincipal user, string tenantId, string surveyId, ResponseFilter filter, CommentTone? tone, int pageSize, string? token)
    {
        await surveys.RequireSurveyAsync(tenantId, surveyId);
        var page = await cluster.GetGrain<ISurveyInsightsGrain>(SurveyKey.Format(tenantId, surveyId)).ListScoredResponsesAsync(filter, tone, pageSize, token);
        await audit.RecordAsync(user, tenantId, AuditAction.Read, AuditTargetType.Survey, surveyId, $"{page.Items.Length} responses");
        return CustomerMasking.NeedsMask(user, tenantId)
            ? page with
            {
                Items = [.. page.Items.Select(i => i with
                {
                    Response = i.Response with { Answers = i.Response.Answers with { Comment = i.Response.Answers.Comment is { } c ? PersonalDataMask.FreeText(c) : null } },
                })],
            }
            : page;
    }
}
