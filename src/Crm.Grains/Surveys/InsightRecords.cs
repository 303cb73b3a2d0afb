using Crm.Contracts.Surveys;
using Crm.Domain.Cases;
using Crm.Scoring.Insight;
using Crm.Scoring.Satisfaction;

namespace Crm.Grains.Surveys;

/// <summary>
/// A stored response as the driver model sees it (satisfied = CSAT 4-5, as CSAT counts it): its dimension ratings and,
/// for a transactional survey, its case's facts; a fact the response does not carry is missing, never zero. And the
/// drivers' display names in English and Chinese.
/// </summary>
public static class InsightRecords
{
    public const string RatingPrefix = "rating.";
    public const string Channel = "channel";
    public const string Category = "category";

    public static SatisfactionRecord From(SurveyResponseEvent response)
    {
        var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, rating) in response.Answers.Dimensions ?? ImmutableDictionary<string, int>.Empty)
        {
            numbers[RatingPrefix + key] = rating;
        }

        if (response.Case is { } facts)
        {
            if (facts.FirstResponseTime is { } first)
            {
                numbers["firstResponseHours"] = first.TotalHours;
            }

            if (facts.ResolutionTime is { } resolution)
            {
                numbers["resolutionHours"] = resolution.TotalHours;
            }

            numbers["slaBreached"] = facts.SlaMet ? 0 : 1;
            if (facts.ReopenCount is { } reopened)
            {
                numbers["reopenCount"] = reopened;
            }

            categories[Channel] = facts.Channel.ToString();
            if (!string.IsNullOrWhiteSpace(facts.Category))
            {
                categories[Category] = facts.Category;
            }
        }

        return new SatisfactionRecord(response.Answers.Comment, numbers, categories, Satisfied: response.Answers.Csat >= 4);
    }

    /// <summary>Every driver's (English, Chinese) name: the case facts, the survey's dimensions, channels and categories.</summary>
    public static IReadOnlyDictionary<string, (string English, string Chinese)> Labels(SurveyContent? content, IEnumerable<string> categories)
    {
        var labels = new Dictionary<string, (string, string)>(DriverLabels.Known, StringComparer.Ordinal);
        foreach (var dimension in content?.Dimensions ?? [])
        {
            labels[RatingPrefix + dimension.Key] = ($"the {dimension.Label.En} rating", $"“{dimension.Label.ZhCn}”评分");
        }

        foreach (var channel in Enum.GetValues<CaseChannel>())
        {
            labels[$"{Channel}={channel}"] = ($"cases by {ChannelEnglish(channel)}", $"{ChannelChinese(channel)}渠道的工单");
        }

        foreach (var category in categories)
        {
            labels[$"{Category}={category}"] = ($"cases of category {category}", $"“{category}”类工单");
        }

        return labels;
    }

    private static string ChannelEnglish(CaseChannel channel) => channel switch
    {
        CaseChannel.Web => "web form",
        CaseChannel.Phone => "phone",
        CaseChannel.Chat => "chat",
        CaseChannel.Email => "e-mail",
        CaseChannel.App => "app",
        _ => channel.ToString(),
    };

    private static string ChannelChinese(CaseChannel channel) => channel switch
    {
        CaseChannel.Web => "网页表单",
        CaseChannel.Phone => "电话",
        CaseChannel.Chat => "在线客服",
        CaseChannel.Email => "邮件",
        CaseChannel.App => "App",
        _ => channel.ToString(),
    };
}
