namespace Crm.Scoring.Data;

/// <summary>Input a person can fix (a missing file, column or bad label); the message names the file, row and field.</summary>
public sealed class ScoringInputException(string message) : Exception(message);
