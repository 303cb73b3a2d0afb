using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Client.Infrastructure;

/// <summary>
/// The problem-details schemas every operation refers to (<see cref="ContractOperationTransformer"/>), present even
/// when no handler declared one, and the rules that hold for the whole API in the document's description.
/// </summary>
public sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        if (!schemas.ContainsKey(ContractOperationTransformer.ProblemSchema))
        {
            schemas[ContractOperationTransformer.ProblemSchema] = Problem(validation: false);
        }

        if (!schemas.ContainsKey(ContractOperationTransformer.ValidationProblemSchema))
        {
            schemas[ContractOperationTransformer.ValidationProblemSchema] = Problem(validation: true);
        }

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            // A component is the enum itself; whether null is allowed is said where it is used.
            if (schema.Enum is { Count: > 0 } values && values.Any(JsonNullSentinel.IsJsonNullSentinel))
            {
                schema.Enum = [.. values.Where(v => !JsonNullSentinel.IsJsonNullSentinel(v))];
                schema.Type &= ~JsonSchemaType.Null;
            }

            NullableReferences(schema, 0);
        }

        document.Info.Description =
            "Every error is RFC 9457 problem details (application/problem+json) in the caller's language; a 400 names each " +
            "field as sent (\"channels[0].kind\") under errors. Enum values are matched exactly as this document lists them " +
            "(case-sensitive, no numbers). A field without a default is required; null is accepted only where a schema allows it. " +
            "Text may hold line breaks and tabs but no other control characters. HEAD answers wherever GET does.";
        return Task.CompletedTask;
    }

    /// <summary>
    /// "oneOf: [null, $ref]" fails for null whenever the referenced schema also accepts null; "anyOf" says what is
    /// meant (null, or one of these) and cannot fail that way.
    /// </summary>
    private static void NullableReferences(OpenApiSchema schema, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        if (schema.OneOf is { Count: 2 } one && one.Any(s => s is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            schema.AnyOf = one;
            schema.OneOf = null;
        }

        foreach (var child in (schema.Properties?.Values ?? []).Append(schema.Items).OfType<OpenApiSchema>())
        {
            NullableReferences(child, depth + 1);
        }
    }

    private static OpenApiSchema Problem(bool validation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }

        schema.Examples =
        [
            validation
            ? JsonNode.Parse("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more fields are invalid.","status":400,"errors":{"channels[0].kind":["Required."]}}""")!
            : JsonNode.Parse("""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.10","title":"Conflict.","status":409,"detail":"The case is Resolved; reopen it before replying."}""")!,
        ];
        return schema;
    }
}
