using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Makes each schema say what the server reads and writes: an enum is a string of exactly its names
/// (<see cref="StrictEnumConverter"/>, and null where the field is nullable), and a
/// list the caller may leave out defaults to empty (<see cref="RequiredMembers"/>).
/// </summary>
public sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public static readonly int TimeSpanMaxLength = TimeSpan.MinValue.ToString("c", System.Globalization.CultureInfo.InvariantCulture).Length;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType && schema.OneOf is not { Count: > 0 } && schema.AnyOf is not { Count: > 0 })
        {
            var nullable = Nullable.GetUnderlyingType(type) is not null;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(enumType).Select(n => (JsonNode)JsonValue.Create(n))];
            if (nullable)
            {
                // Inline (no oneOf): a value is a name or null, so null must be among the values the enum lists.
                schema.Enum.Add(JsonNullSentinel.JsonNull);
            }

            schema.Format = null;
            schema.Pattern = null;
        }

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            // Exactly what the server insists on (RequiredMembers), not every constructor parameter.
            schema.Required = context.JsonTypeInfo.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            // ApiJson refuses unknown fields, and the schema generator says so for every type; but ProblemDetails and the
            // token answer carry extensions (traceId, …), so only our records, which write their own fields, are closed.
            schema.AdditionalPropertiesAllowed = type.Namespace?.StartsWith("Crm.", StringComparison.Ordinal) != true;
            if (schema.AdditionalPropertiesAllowed)
            {
                schema.AdditionalProperties = null;
            }
        }

        if (context.JsonPropertyInfo is { } property && RequiredMembers.IsList(property.PropertyType) && !property.IsRequired
            && property.AssociatedParameter is { HasDefaultValue: false })
        {
            schema.Default = new JsonArray();
        }

        if (context.JsonPropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(Crm.Contracts.Common.ItemMaxLengthAttribute), false) is [Crm.Contracts.Common.ItemMaxLengthAttribute itemMax, ..]
            && schema.Items is OpenApiSchema items)
        {
            items.MaxLength = itemMax.Length;
        }

        if (type == typeof(TimeSpan) || type == typeof(TimeSpan?))
        {
            // A TimeSpan is read as "[-][d.]hh:mm:ss[.fffffff]"; its longest form is TimeSpan.MinValue's.
            schema.MaxLength = TimeSpanMaxLength;
        }

        if (type == typeof(long) || type == typeof(int) || type == typeof(long?) || type == typeof(int?))
        {
            // The API reads numbers as JSON numbers only (ApiJson), so a numeric string is not one.
            schema.Pattern = null;
            schema.Type = (schema.Type ?? JsonSchemaType.Integer) & ~JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
