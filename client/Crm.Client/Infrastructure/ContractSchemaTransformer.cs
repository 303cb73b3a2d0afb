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
        }

        if (context.JsonPropertyInfo is { } property && RequiredMembers.IsList(property.PropertyType) && !property.IsRequired
            && property.AssociatedParameter is { HasDefaultValue: false })
        {
            schema.Default = new JsonArray();
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
