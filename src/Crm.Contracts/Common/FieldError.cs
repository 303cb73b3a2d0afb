namespace Crm.Contracts.Common;

/// <summary>A rejected input field: <see cref="Field"/> is the JSON path the caller sent (camelCase).</summary>
[GenerateSerializer, Immutable, Alias("crm.common.field-error")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);
