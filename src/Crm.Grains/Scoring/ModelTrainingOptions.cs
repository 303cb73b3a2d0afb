using Crm.Scoring.Sentiment;

namespace Crm.Grains.Scoring;

/// <summary>When a tenant has enough labels to train on (below it the lexicon rule serves); a deployment may change it.</summary>
public sealed class ModelTrainingOptions
{
    public const string SectionName = "Crm:Scoring:Training";

    public int MinimumLabels { get; set; } = ScoringSettings.Default.MinimumLabels;

    public int MinimumPerLabel { get; set; } = ScoringSettings.Default.MinimumPerLabel;

    /// <summary>The share of labelled rows held out (stratified, fixed seed) to measure a new model on.</summary>
    public int HeldOutFolds { get; set; } = 5;

    /// <summary>How many of a tenant's recent jobs the grain keeps.</summary>
    public int JobsKept { get; set; } = 20;

    public ScoringSettings Settings => new(MinimumLabels, MinimumPerLabel);
}
