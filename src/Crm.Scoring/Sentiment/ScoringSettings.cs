namespace Crm.Scoring.Sentiment;

/// <summary>
/// When a tenant's own labels are enough to train a comment-sentiment model; below the minimum the lexicon rule
/// serves (and every score says so). Pure, so the rule is tested apart from training.
/// </summary>
public sealed record ScoringSettings(int MinimumLabels = 500, int MinimumPerLabel = 50)
{
    public static ScoringSettings Default { get; } = new();

    /// <summary>Null when training may go ahead; otherwise why not, in numbers a tenant admin can act on.</summary>
    public TrainingShortfall? CheckTrainingData(int positive, int negative)
    {
        var missingTotal = Math.Max(0, MinimumLabels - positive - negative);
        var missingPositive = Math.Max(0, MinimumPerLabel - positive);
        var missingNegative = Math.Max(0, MinimumPerLabel - negative);
        return missingTotal + missingPositive + missingNegative == 0 ? null : new TrainingShortfall(missingTotal, missingPositive, missingNegative);
    }
}

/// <summary>How many more labelled responses are needed in all, satisfied and dissatisfied.</summary>
public sealed record TrainingShortfall(int MoreLabels, int MoreSatisfied, int MoreDissatisfied);
