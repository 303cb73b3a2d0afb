namespace Crm.Scoring.Data;

/// <summary>One labelled text: <paramref name="Positive"/> is the file's label 1 (satisfied), false its label 0.</summary>
/// <param name="Row">The record's row in its file, counting the header as row 1, so messages match a spreadsheet.</param>
public sealed record LabeledText(string Text, bool Positive, int Row);
