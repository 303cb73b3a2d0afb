using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Contracts.Reports;

/// <summary>How report aggregates and facts are written as JSON: on the wire (see <see cref="ReportConverters"/>),
/// in grain state and in the day table.</summary>
public static class ReportSerialization
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
