namespace Crm.Domain.Surveys;

/// <summary>The rating scales and how their answers are read.</summary>
public static class SurveyScales
{
    public const int RatingMin = 1;
    public const int RatingMax = 5;
    public const int NpsMin = 0;
    public const int NpsMax = 10;

    public static bool IsRating(int value) => value is >= RatingMin and <= RatingMax;

    public static bool IsNps(int value) => value is >= NpsMin and <= NpsMax;

    /// <summary>CSAT counts the share of 4 ("satisfied") and 5 ("very satisfied").</summary>
    public static bool IsSatisfied(int csat) => csat >= 4;

    public static bool IsPromoter(int nps) => nps >= 9;

    public static bool IsDetractor(int nps) => nps <= 6;
}
