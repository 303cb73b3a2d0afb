using Crm.Domain.Common;

namespace Crm.Domain.Cases;

/// <summary>Limits on what people type into a case, checked before anything is stored.</summary>
public static class CaseText
{
    public const int MaxSubject = 200;
    public const int MaxBody = 8000;
    public const int MaxOrderReference = 64;
    public const int MaxMacroTitle = 100;
    public const int MaxMacroBody = 4000;

    /// <summary>Null when <paramref name="value"/> is acceptable text of 1..<paramref name="max"/> characters after trimming.</summary>
    public static FieldProblem? Check(string field, string? value, int max) =>
        string.IsNullOrWhiteSpace(value) ? new(field, "Required.")
        : value.Trim().Length > max ? new(field, $"At most {max} characters.")
        : null;
}
