using System.Text.Json;
using Crm.Domain.Reports;

namespace Crm.Contracts.Reports;

// The report aggregates and facts are pure domain records, with no Orleans attributes. Orleans carries each as a
// surrogate holding its JSON: registered here by attribute, so every host and test cluster that loads the contracts
// has them, and the domain records stay the one definition.

[GenerateSerializer, Immutable, Alias("crm.reports.json")]
public readonly record struct ReportJson([property: Id(0)] byte[] Utf8);

[RegisterConverter]
public sealed class ReportAggregateConverter : IConverter<ReportAggregate, ReportJson>
{
    public ReportAggregate ConvertFromSurrogate(in ReportJson surrogate) => ReportConverters.Read<ReportAggregate>(surrogate);

    public ReportJson ConvertToSurrogate(in ReportAggregate value) => ReportConverters.Write(value);
}

[RegisterConverter]
public sealed class CaseFactConverter : IConverter<CaseFact, ReportJson>
{
    public CaseFact ConvertFromSurrogate(in ReportJson surrogate) => ReportConverters.Read<CaseFact>(surrogate);

    public ReportJson ConvertToSurrogate(in CaseFact value) => ReportConverters.Write(value);
}

[RegisterConverter]
public sealed class SurveyFactConverter : IConverter<SurveyFact, ReportJson>
{
    public SurveyFact ConvertFromSurrogate(in ReportJson surrogate) => ReportConverters.Read<SurveyFact>(surrogate);

    public ReportJson ConvertToSurrogate(in SurveyFact value) => ReportConverters.Write(value);
}

[RegisterConverter]
public sealed class SlaBreachConverter : IConverter<SlaBreach, ReportJson>
{
    public SlaBreach ConvertFromSurrogate(in ReportJson surrogate) => ReportConverters.Read<SlaBreach>(surrogate);

    public ReportJson ConvertToSurrogate(in SlaBreach value) => ReportConverters.Write(value);
}

public static class ReportConverters
{
    public static T Read<T>(ReportJson json) =>
        JsonSerializer.Deserialize<T>(json.Utf8, ReportSerialization.Json) ?? throw new JsonException($"Empty {typeof(T).Name}.");

    public static ReportJson Write<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, ReportSerialization.Json));
}
