using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Crm.Client.Infrastructure;

/// <summary>The API's JSON rules in one place: enum names exactly as written, numbers as numbers, required fields read from the records.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new StrictEnumConverter());
        // Numbers are JSON numbers: the web default also reads "5" as 5.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequiredMembers.Apply } };
        return options;
    }
}
