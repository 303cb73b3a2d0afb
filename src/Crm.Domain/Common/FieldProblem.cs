namespace Crm.Domain.Common;

/// <summary>A rule broken by one input field; <see cref="Field"/> is the camelCase path the caller sent.</summary>
public sealed record FieldProblem(string Field, string Message);
