using Crm.Contracts.Surveys;

namespace Crm.Reporting.Imports;

/// <summary>One response of an import file, as the API takes it (<see cref="ResponseRow"/>), and the line it came from.</summary>
public sealed record ImportRow(long Line, ResponseRow Row);

/// <summary>A problem with one row of the file: its line (1 is the header of a CSV), the field, and what is wrong.</summary>
public sealed record ImportProblem(long Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}
