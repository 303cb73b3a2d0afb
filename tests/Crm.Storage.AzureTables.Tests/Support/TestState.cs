namespace Crm.Storage.AzureTables.Tests.Support;

/// <summary>A grain state as the product writes them: an Orleans-serialized immutable record.</summary>
[GenerateSerializer, Immutable, Alias("crm.tests.test-state")]
public sealed record TestState
{
    [Id(0)] public string Text { get; init; } = string.Empty;
    [Id(1)] public long Number { get; init; }
    [Id(2)] public DateTimeOffset At { get; init; }
}
