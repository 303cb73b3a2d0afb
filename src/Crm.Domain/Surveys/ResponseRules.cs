using Crm.Domain.Common;

namespace Crm.Domain.Surveys;

/// <summary>What an answer to a survey version must be; the same rules for the survey page, the API and an import.</summary>
public static class ResponseRules
{
    public const int MaxCommentLength = 2000;

    /// <summary>The answers as stored (comment trimmed, empty comment and reason dropped) and what is wrong with them.</summary>
    public static (SurveyAnswers Answers, IReadOnlyList<FieldProblem> Problems) Normalize(SurveyDefinition survey, SurveyAnswers input)
    {
        var problems = new List<FieldProblem>();
        if (!SurveyScales.IsRating(input.Csat))
        {
            problems.Add(new("csat", $"{SurveyScales.RatingMin} to {SurveyScales.RatingMax}."));
        }

        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, rating) in input.Dimensions ?? new Dictionary<string, int>())
        {
            if (!survey.Dimensions.Any(d => d.Key == key))
            {
                problems.Add(new($"dimensions.{key}", "Not a dimension of this survey."));
            }
            else if (!SurveyScales.IsRating(rating))
            {
                problems.Add(new($"dimensions.{key}", $"{SurveyScales.RatingMin} to {SurveyScales.RatingMax}."));
            }
            else
            {
                dimensions[key] = rating;
            }
        }

        if (input.Nps is { } nps && (!survey.AskNps || !SurveyScales.IsNps(nps)))
        {
            problems.Add(new("nps", survey.AskNps ? $"{SurveyScales.NpsMin} to {SurveyScales.NpsMax}." : "This survey does not ask it."));
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        if (reason is not null)
        {
            if (!survey.Reasons.Any(r => r.Key == reason))
            {
                problems.Add(new("reason", "Not a reason this survey offers."));
            }
            else if (SurveyScales.IsRating(input.Csat) && !IsLow(survey, input.Csat))
            {
                problems.Add(new("reason", $"Reasons are asked only for a rating of {survey.ReasonThreshold} or lower."));
            }
        }

        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment is not null)
        {
            if (!survey.AskComment)
            {
                problems.Add(new("comment", "This survey does not ask for a comment."));
            }
            else if (comment.Length > MaxCommentLength)
            {
                problems.Add(new("comment", $"At most {MaxCommentLength} characters."));
            }
        }

        return (new SurveyAnswers(input.Csat, dimensions, input.Nps, reason, comment), problems);
    }

    /// <summary>Whether the survey page shows the reasons for this CSAT answer.</summary>
    public static bool IsLow(SurveyDefinition survey, int csat) => survey.Reasons.Count > 0 && csat <= survey.ReasonThreshold;
}
