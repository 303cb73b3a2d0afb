using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Contracts.Customers;
using Crm.Testing.Contract;
using Xunit.Abstractions;

namespace Crm.EndToEnd.Tests.Contract;

/// <summary>
/// Fuzz generated from /openapi/v1.json rather than written by hand: for every operation, empty, null, wrong-type,
/// missing-field, null-field and boundary bodies built from its request schema, bad page sizes and route ids. At least
/// 10,000 requests; none may answer 5xx, and none the document calls invalid (the body breaks its schema, a parameter
/// breaks its pattern or range) may answer 2xx. Every exchange also passes the contract check of the test client.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DocumentFuzzTests(CrmStackFixture stack, ITestOutputHelper output)
{
    private const int MinimumRequests = 10_000;
    private const int Parallelism = 4;
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryOperation_GeneratedBadInput_NeverA5xx_NorA2xxForWhatTheDocumentCallsInvalid()
    {
        var tenant = await stack.NewTenantAsync();
        var platform = await stack.OperatorAsync();
        var customer = await CrmStackFixture.ReadAsync<CustomerView>(await tenant.Admin.PostAsJsonAsync(
            $"api/tenants/{tenant.Id}/customers", new { displayName = "Fuzz Target" }));
        var target = $"target-{tenant.Id}";
        (await tenant.Admin.PostAsJsonAsync($"api/tenants/{tenant.Id}/users", new { username = target, displayName = "Target", roles = new[] { "Agent" } }))
            .EnsureSuccessStatusCode();
        var contract = await ApiContract.ForAsync(stack.BaseAddress);
        var schemas = contract.Document["components"]!["schemas"]!.AsObject();

        var operations = new List<(string Method, string Path, List<Probe> Probes)>();
        foreach (var (template, item) in contract.Document["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => item![m] is not null))
            {
                var operation = item![method]!.AsObject();
                // Sign-in and password changes have fuzz of their own (FuzzTests); they would lock accounts here.
                if (operation["operationId"]?.GetValue<string>() is "IssueToken" or "ChangePassword")
                {
                    continue;
                }

                var path = template.Replace("{tenantId}", tenant.Id).Replace("{customerId}", customer.CustomerId).Replace("{username}", target);
                path = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "fuzz-1");
                operations.Add((method.ToUpperInvariant(), path, Probes(contract, schemas, operation, tenant.Id, template, path)));
            }
        }

        var offending = new List<string>();
        var statuses = new Dictionary<int, int>();
        var sent = 0;
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Parallelism);
        for (var round = 0; sent < MinimumRequests; round++)
        {
            var batch = operations.Select(async o =>
            {
                var probe = o.Probes[round % o.Probes.Count];
                var http = o.Path == "/api/tenants" ? platform : tenant.Admin;
                await gate.WaitAsync();
                try
                {
                    var status = await SendAsync(http, o.Method, probe.Path ?? o.Path, probe.Body);
                    lock (offending)
                    {
                        sent++;
                        statuses[status] = statuses.GetValueOrDefault(status) + 1;
                        if (status >= 500 || (probe.Invalid && status is >= 200 and < 300))
                        {
                            offending.Add($"{o.Method} {probe.Path ?? o.Path} [{probe.Kind}] {Shorten(probe.Body)} -> {status}");
                        }
                    }
                }
                catch (ContractViolationException ex)
                {
                    lock (offending)
                    {
                        sent++;
                        offending.Add($"[{probe.Kind}] {Shorten(probe.Body)}: {ex.Message}");
                    }
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(batch);
        }

        output.WriteLine($"{sent} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F0} s: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.True(offending.Count == 0, $"{offending.Count} of {sent} requests broke the contract:\n{string.Join('\n', offending.Distinct().Take(40))}");
    }

    private static async Task<int> SendAsync(HttpClient http, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string Shorten(string? body) => body is null ? "(no body)" : body.Length > 120 ? body[..120] + "…" : body;

    /// <summary>One request: a body (null for none), another path, and whether the document calls it invalid.</summary>
    private sealed record Probe(string Kind, string? Body, bool Invalid, string? Path = null);

    private static List<Probe> Probes(ApiContract contract, JsonObject schemas, JsonObject operation, string tenantId, string template, string path)
    {
        var probes = new List<Probe>();
        var parameters = operation["parameters"]?.AsArray() ?? [];
        var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        string? Base() => schema is null ? null : BaseObject(Resolve(schema, schemas), schemas, 0).ToJsonString();

        // Route ids the document's patterns refuse, and page sizes it calls out of range or malformed.
        if (template.Contains("{tenantId}", StringComparison.Ordinal))
        {
            foreach (var bad in new[] { "UPPER", "-lead", "a%20b", new string('t', 41) })
            {
                probes.Add(new("bad tenantId", Base(), true, path.Replace("/" + tenantId, "/" + bad)));
            }
        }

        if (parameters.Any(p => p!["name"]!.GetValue<string>() == "pageSize"))
        {
            foreach (var size in new[] { "0", "101", "-1", "%2B5", "%205", "abc", "1e2", "2147483648" })
            {
                probes.Add(new("bad pageSize", null, true, path + "?pageSize=" + size));
            }

            probes.Add(new("pageSize 1", null, false, path + "?pageSize=1"));
            probes.Add(new("pageSize 100", null, false, path + "?pageSize=100"));
        }

        if (schema is null)
        {
            probes.Add(new("no body", null, false));
            return probes;
        }

        var body = Resolve(schema, schemas);
        foreach (var top in new[] { "", "null", "[]", "5", "\"x\"", "true", "{}" })
        {
            probes.Add(Judge(contract, schema, "top level " + (top.Length == 0 ? "empty" : top), top, path));
        }

        var properties = body["properties"]?.AsObject() ?? [];
        foreach (var (name, propertySchema) in properties)
        {
            var property = Resolve(propertySchema!, schemas);
            foreach (var (kind, value) in BadValues(property, schemas))
            {
                var candidate = BaseObject(body, schemas, 0);
                candidate[name] = value?.DeepClone();
                probes.Add(Judge(contract, schema, $"{name}: {kind}", candidate.ToJsonString(), path));
            }

            if (body["required"]?.AsArray().Any(r => r!.GetValue<string>() == name) == true)
            {
                var without = BaseObject(body, schemas, 0);
                without.Remove(name);
                probes.Add(Judge(contract, schema, $"{name}: missing", without.ToJsonString(), path));
            }
        }

        return probes;
    }

    /// <summary>The document decides: a body that fails its schema is invalid, whatever the server thinks.</summary>
    private static Probe Judge(ApiContract contract, JsonNode schema, string kind, string body, string path)
    {
        bool invalid;
        try
        {
            invalid = body.Length == 0 || contract.Check(schema, JsonDocument.Parse(body).RootElement) is not null;
        }
        catch (JsonException)
        {
            invalid = true;
        }

        return new(kind, body, invalid, path);
    }

    private static IEnumerable<(string Kind, JsonNode? Value)> BadValues(JsonObject schema, JsonObject schemas)
    {
        yield return ("null", null);
        yield return ("wrong type object", new JsonObject { ["a"] = 1 });
        yield return ("wrong type array", new JsonArray(1, 2));
        yield return ("wrong type number", 12345);
        yield return ("wrong type string", "x");
        yield return ("wrong type boolean", true);
        if (schema["enum"] is JsonArray values && values.FirstOrDefault(v => v is not null)?.GetValue<string>() is { } first)
        {
            yield return ("enum lower case", first.ToLowerInvariant());
            yield return ("enum padded", " " + first + " ");
            yield return ("enum unknown", "NoSuchValue");
            yield return ("enum number", 0);
        }

        if (schema["maxLength"]?.GetValue<int>() is { } max)
        {
            yield return ("maxLength + 1", new string('x', max + 1));
            yield return ("maxLength", new string('x', max));
        }

        if (schema["maxItems"]?.GetValue<int>() is { } items && schema["items"] is { } item)
        {
            var element = BaseValue(Resolve(item, schemas), schemas, 1);
            yield return ("maxItems + 1", new JsonArray([.. Enumerable.Range(0, items + 1).Select(_ => element?.DeepClone())]));
        }

        if (schema["minimum"] is { } minimum && double.TryParse(minimum.ToJsonString(), CultureInfo.InvariantCulture, out var low))
        {
            yield return ("minimum - 1", low - 1);
        }

        if (schema["maximum"] is { } maximum && double.TryParse(maximum.ToJsonString(), CultureInfo.InvariantCulture, out var high))
        {
            yield return ("maximum + 1", high + 1);
        }

        yield return ("control character", "a\u0001b");
    }

    /// <summary>An object with each required property holding a plausible value of its type.</summary>
    private static JsonObject BaseObject(JsonObject schema, JsonObject schemas, int depth)
    {
        var result = new JsonObject();
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name))
            {
                result[name] = BaseValue(Resolve(property!, schemas), schemas, depth + 1);
            }
        }

        return result;
    }

    private static JsonNode? BaseValue(JsonObject schema, JsonObject schemas, int depth)
    {
        if (schema["enum"] is JsonArray values)
        {
            return values.FirstOrDefault(v => v is not null)?.DeepClone();
        }

        var type = schema["type"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonArray a => a.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "string" => schema["format"]?.GetValue<string>() switch { "date" => "2026-10-01", "date-time" => "2026-10-01T09:00:00+08:00", _ => "plausible" },
            "integer" or "number" => 1,
            "boolean" => true,
            "array" => new JsonArray(),
            "object" when depth < 4 => BaseObject(schema, schemas, depth),
            _ => null,
        };
    }

    /// <summary>A schema with its $ref (or the non-null branch of a nullable anyOf/oneOf) followed.</summary>
    private static JsonObject Resolve(JsonNode schema, JsonObject schemas)
    {
        var current = schema.AsObject();
        for (var i = 0; i < 8; i++)
        {
            if (current["$ref"]?.GetValue<string>() is { } reference)
            {
                current = schemas[reference.Split('/')[^1]]!.AsObject();
            }
            else if ((current["anyOf"] ?? current["oneOf"]) is JsonArray branches && branches.FirstOrDefault(b => b!["type"]?.ToJsonString() != "\"null\"") is { } branch)
            {
                current = branch.AsObject();
            }
            else
            {
                break;
            }
        }

        return current;
    }
}
