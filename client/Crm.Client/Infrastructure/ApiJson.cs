using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Client.Infrastructure;

/// <summary>The API's JSON rules in one place: enum names exactly as written, numbers as numbers, required fields read from the records, no unknown fields.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new StrictEnumConverter());
        // Numbers are JSON numbers: the web default also reads "5" as 5.
        options.NumberHandling = JsonNumberHandling.Strict;
        // A field the record does not have is refused (400 naming it), not dropped: a misspelt "severty" would
        // otherwise be a silent default. The document says so with additionalProperties: false.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequiredMembers.Apply } };
        return options;
    }
}
