namespace Crm.Scoring.Satisfaction;

/// <summary>
/// One survey response as the satisfaction model sees it: the comment (or none), whatever ratings and case facts are
/// known (a key that is absent is missing, never zero), and, for training, whether the customer was satisfied.
/// </summary>
/// <param name="Numbers">Dimension ratings and numeric case facts, e.g. <c>rating.speed</c>, <c>firstResponseHours</c>, <c>late</c>.</param>
/// <param name="Categories">Categorical case facts, e.g. <c>channel</c> = <c>email</c>.</param>
public sealed record SatisfactionRecord(
    string? Comment,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyDictionary<string, string> Categories,
    bool Satisfied = false);
