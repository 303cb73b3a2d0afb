using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Crm.Testing.Contract;

/// <summary>
/// The API's OpenAPI document, read once per server, as checks: which operation a request is, which statuses and
/// content types it declares, and the JSON Schema of each body (evaluated with JsonSchema.Net, 2020-12 as OpenAPI 3.1 uses).
/// </summary>
public sealed class ApiContract
{
    private static readonly ConcurrentDictionary<Uri, Task<ApiContract>> Documents = new();
    private static int schemaCount;

    private readonly List<(Regex Pattern, string Template, JsonObject Item)> paths;
    private readonly JsonObject schemas;
    private readonly ConcurrentDictionary<string, JsonSchema> compiled = new();

    private ApiContract(JsonObject document)
    {
        Document = document;
        schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        paths =
        [
            .. (document["paths"]?.AsObject() ?? [])
                // Routing ignores a trailing slash; literal segments before templated ones: "/customers/lookup" is not "/customers/{customerId}".
                .OrderBy(p => p.Key.Count(c => c == '{'))
                .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+").TrimEnd('/') + "/?$"), p.Key, p.Value!.AsObject())),
        ];
    }

    public JsonObject Document { get; }

    /// <summary>The document the server at <paramref name="baseAddress"/> serves, fetched once.</summary>
    public static Task<ApiContract> ForAsync(Uri baseAddress) =>
        Documents.GetOrAdd(baseAddress, async address =>
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            var text = await http.GetStringAsync("openapi/v1.json");
            return new ApiContract(JsonNode.Parse(text)!.AsObject());
        });

    /// <summary>The operation for a method and path (HEAD is GET without a body), or null when the document has none.</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path)
    {
        var verb = method.Equals("HEAD", StringComparison.OrdinalIgnoreCase) ? "get" : method.ToLowerInvariant();
        foreach (var (pattern, template, item) in paths)
        {
            if (pattern.IsMatch(path))
            {
                return item[verb] is JsonObject operation ? (template, operation) : null;
            }
        }

        return null;
    }

    /// <summary>True when any path of the document matches, whatever the method (so a 405 is routing's, not an undocumented operation).</summary>
    public bool HasPath(string path) => paths.Any(p => p.Pattern.IsMatch(path));

    /// <summary>Null when <paramref name="json"/> matches the schema; otherwise what did not match, for the failure message.</summary>
    public string? Check(JsonNode schema, JsonElement json)
    {
        var key = schema.ToJsonString();
        var compiledSchema = compiled.GetOrAdd(key, _ => Compile(schema));
        var result = compiledSchema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return null;
        }

        var errors = (result.Details ?? []).Prepend(result)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}"))
            .Take(12)
            .ToList();
        return errors.Count == 0 ? "(no detail from the validator)" : string.Join("; ", errors);
    }

    private JsonSchema Compile(JsonNode schema)
    {
        // The document's "#/components/schemas/X" references become "#/$defs/X" of one self-contained schema.
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = JsonNode.Parse(schemas.ToJsonString()),
            ["allOf"] = new JsonArray(JsonNode.Parse(schema.ToJsonString())),
        }.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        var id = Interlocked.Increment(ref schemaCount);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://crm.test/contract/{id}"));
    }
}
