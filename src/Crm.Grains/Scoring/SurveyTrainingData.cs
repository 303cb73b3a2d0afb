using Crm.Contracts.Surveys;
using Crm.Grains.Surveys;
using Crm.Scoring.Data;

namespace Crm.Grains.Scoring;

/// <summary>
/// A tenant's labelled comments from its own survey responses, read through the survey response store: overall CSAT
/// 4-5 is satisfied, 1-2 dissatisfied, 3 left out, and only responses with a comment count.
/// </summary>
public static class SurveyTrainingData
{
    private const int PageSize = 1000;

    public static async Task<(IReadOnlyList<LabeledText> Rows, DateTimeOffset? From, DateTimeOffset? To)> ReadAsync(
        IGrainFactory grains, ISurveyResponseStore store, string tenantId, CancellationToken cancellationToken)
    {
        var rows = new List<LabeledText>();
        DateTimeOffset? from = null, to = null;
        foreach (var survey in await grains.GetGrain<ISurveyCatalogGrain>(tenantId).ListSurveysAsync())
        {
            // The responses accepted a moment ago are written first, so training sees every response recorded so far.
            await grains.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(tenantId, survey.SurveyId)).SettleAsync();
            string? token = null;
            do
            {
                var (items, next) = await store.QueryResponsesAsync(tenantId, survey.SurveyId, new ResponseFilter(new SurveyResultsQuery()), PageSize, token, cancellationToken);
                foreach (var response in items)
                {
                    if (Label(response.Answers) is not { } satisfied)
                    {
                        continue;
                    }

                    rows.Add(new LabeledText(response.Answers.Comment!.Trim(), satisfied, rows.Count + 1));
                    from = from is { } f && f <= response.AnsweredAt ? f : response.AnsweredAt;
                    to = to is { } t && t >= response.AnsweredAt ? t : response.AnsweredAt;
                }

                token = next;
            }
            while (token is not null);
        }

        return (rows, from, to);
    }

    /// <summary>True for satisfied, false for dissatisfied, null for a response that labels nothing.</summary>
    public static bool? Label(AnswersInput answers) => string.IsNullOrWhiteSpace(answers.Comment)
        ? null
        : answers.Csat switch
        {
            4 or 5 => true,
            1 or 2 => false,
            _ => null,
        };
}
