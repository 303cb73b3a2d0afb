namespace Crm.Cli.Surveys;

/// <summary>
/// One response of an import file, as sent to the API; <see cref="Line"/> is where it came from (not sent). Null
/// fields are left out of the request.
/// </summary>
public sealed record ImportRow(
    string? ResponseId,
    string? CustomerId,
    string? Email,
    string? Phone,
    DateTimeOffset? AnsweredAt,
    int? Version,
    int? Csat,
    Dictionary<string, int>? Dimensions,
    int? Nps,
    string? Reason,
    string? Comment)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long Line { get; init; }
}

/// <summary>A problem with one row of the file: its line (1 is the header of a CSV), the field, and what is wrong.</summary>
public sealed record ImportProblem(long Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}
