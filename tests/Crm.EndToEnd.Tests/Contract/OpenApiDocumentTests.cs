using System.Text.Json.Nodes;
using Crm.Testing.Contract;

namespace Crm.EndToEnd.Tests.Contract;

/// <summary>What /openapi/v1.json declares for every operation, generated from the server's rules (issue 14).</summary>
[Collection(StackCollection.Name)]
public sealed class OpenApiDocumentTests(CrmStackFixture stack)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryOperation_DeclaresTheSharedProblemStatuses()
    {
        var missing = new List<string>();
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            var responses = operation["responses"]!.AsObject();
            var anonymous = operation["operationId"]?.GetValue<string>() is "IssueToken" || path.StartsWith("/api/s/", StringComparison.Ordinal);
            var expected = new List<string> { "503" };
            if (!anonymous)
            {
                expected.AddRange(["401", "403"]);
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                expected.Add("404");
            }

            if (operation["requestBody"] is not null)
            {
                expected.AddRange(["400", "413", "415"]);
            }

            if (method is "post" or "put" or "delete")
            {
                expected.Add("409");
            }

            if ((operation["parameters"]?.AsArray() ?? []).Any(p => p!["name"]!.GetValue<string>() == "If-Match"))
            {
                expected.AddRange(["412", "428"]);
            }

            foreach (var status in expected.Where(s => responses[s]?["content"]?["application/problem+json"] is null))
            {
                missing.Add($"{method.ToUpperInvariant()} {path}: {status}");
            }
        }

        Assert.True(missing.Count == 0, "undeclared problem statuses:\n" + string.Join('\n', missing));
    }

    [Fact]
    public async Task EverySuccess_IsDeclared_IssueTokenIncluded()
    {
        var operations = await OperationsAsync();

        var without = operations.Where(o => !o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('2'))).Select(o => $"{o.Method} {o.Path}").ToList();
        Assert.True(without.Count == 0, "no success declared: " + string.Join(", ", without));
        var token = operations.Single(o => o.Operation["operationId"]?.GetValue<string>() == "IssueToken");
        Assert.NotNull(token.Operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
    }

    [Fact]
    public async Task Limits_AreInTheDocument()
    {
        var contract = await ApiContract.ForAsync(stack.BaseAddress);
        var schemas = contract.Document["components"]!["schemas"]!;
        var pageSize = (await OperationsAsync()).Single(o => o.Operation["operationId"]?.GetValue<string>() == "ListCustomers")
            .Operation["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "pageSize")!["schema"]!;

        Assert.Equal("1", pageSize["minimum"]!.ToJsonString());
        Assert.Equal("100", pageSize["maximum"]!.ToJsonString());
        Assert.Equal(10, schemas["CustomerProfile"]!["properties"]!["channels"]!["maxItems"]!.GetValue<int>());
        Assert.Equal(200, schemas["CustomerProfile"]!["properties"]!["displayName"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(200, schemas["NewCase"]!["properties"]!["subject"]!["maxLength"]!.GetValue<int>());
        var open = contract.Find("POST", "/api/tenants/acme/cases")!.Value.Operation;
        var key = open["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!["schema"]!;
        Assert.Equal(100, key["maxLength"]!.GetValue<int>());
        Assert.NotNull(key["pattern"]);
        var tenant = open["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "tenantId")!["schema"]!;
        Assert.NotNull(tenant["pattern"]);
    }

    [Fact]
    public async Task RequiredFields_AreWhatTheServerRequires()
    {
        var schemas = (await ApiContract.ForAsync(stack.BaseAddress)).Document["components"]!["schemas"]!;

        Assert.Equal(["displayName"], Required(schemas["CustomerProfile"]!));
        Assert.Equal(["kind", "value"], Required(schemas["ContactChannel"]!));
        Assert.Equal(["customerId", "kind", "subject", "description"], Required(schemas["NewCase"]!));
        Assert.Equal(["available"], Required(schemas["AvailabilityRequest"]!));
    }

    [Fact]
    public async Task NullableEnum_AcceptsNull_AndEnumsListOnlyNames()
    {
        var contract = await ApiContract.ForAsync(stack.BaseAddress);
        var schemas = contract.Document["components"]!["schemas"]!.AsObject();

        Assert.Null(contract.Check(schemas["CaseView"]!["properties"]!["afterSalesType"]!,
            System.Text.Json.JsonDocument.Parse("null").RootElement));
        Assert.Null(contract.Check(schemas["CaseView"]!["properties"]!["afterSalesType"]!, System.Text.Json.JsonDocument.Parse("\"Refund\"").RootElement));
        Assert.NotNull(contract.Check(schemas["CaseView"]!["properties"]!["afterSalesType"]!, System.Text.Json.JsonDocument.Parse("\"refund\"").RootElement));
        Assert.All(schemas.Where(s => s.Value!["enum"] is not null), s => Assert.DoesNotContain(s.Value!["enum"]!.AsArray(), v => v is null));
    }

    [Fact]
    public async Task EveryRequestBody_BoundsItsText_AndRefusesUnknownFields()
    {
        var document = (await ApiContract.ForAsync(stack.BaseAddress)).Document;
        var unbounded = new SortedSet<string>(StringComparer.Ordinal);
        var open = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
            {
                Walk(document, schema, $"{method} {path}", unbounded, open, []);
            }
        }

        Assert.True(unbounded.Count == 0, "strings without maxLength: " + string.Join(", ", unbounded));
        Assert.True(open.Count == 0, "objects without additionalProperties: false: " + string.Join(", ", open));
    }

    [Theory]
    [InlineData("IssueToken")]
    [InlineData("CreateCustomer")]
    [InlineData("UpdateCustomer")]
    [InlineData("OpenCase")]
    [InlineData("ReplyToCase")]
    [InlineData("ApplyCaseAction")]
    [InlineData("UpdateServiceDeskSettings")]
    public async Task MainOperations_HaveARequestExample_ThatTheirSchemaAccepts(string operationId)
    {
        var contract = await ApiContract.ForAsync(stack.BaseAddress);
        var operation = (await OperationsAsync()).Single(o => o.Operation["operationId"]?.GetValue<string>() == operationId).Operation;
        var media = operation["requestBody"]!["content"]!["application/json"]!;

        var example = media["example"];

        Assert.NotNull(example);
        Assert.Null(contract.Check(media["schema"]!, System.Text.Json.JsonDocument.Parse(example!.ToJsonString()).RootElement));
    }

    /// <summary>Each string below <paramref name="schema"/> without maxLength (enums and formatted values excepted), each object that admits unknown fields.</summary>
    private static void Walk(JsonNode document, JsonNode schema, string at, ISet<string> unbounded, ISet<string> open, HashSet<string> seen)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!seen.Add(reference))
            {
                return;
            }

            var name = reference[(reference.LastIndexOf('/') + 1)..];
            Walk(document, document["components"]!["schemas"]![name]!, name, unbounded, open, seen);
            return;
        }

        foreach (var branch in (schema["anyOf"]?.AsArray() ?? []).Concat(schema["oneOf"]?.AsArray() ?? []))
        {
            Walk(document, branch!, at, unbounded, open, seen);
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToArray(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        if (types.Contains("string") && schema["maxLength"] is null && schema["enum"] is null && schema["format"] is null)
        {
            unbounded.Add(at);
        }

        if (types.Contains("array") && schema["items"] is { } items)
        {
            Walk(document, items, at + "[]", unbounded, open, seen);
        }

        if (schema["properties"] is JsonObject properties)
        {
            if (schema["additionalProperties"]?.GetValueKind() != System.Text.Json.JsonValueKind.False)
            {
                open.Add(at);
            }

            foreach (var (name, property) in properties)
            {
                Walk(document, property!, $"{at}.{name}", unbounded, open, seen);
            }
        }
    }

    private static string[] Required(JsonNode schema) => [.. (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>())];

    private async Task<List<(string Path, string Method, JsonObject Operation)>> OperationsAsync()
    {
        var document = (await ApiContract.ForAsync(stack.BaseAddress)).Document;
        return
        [
            .. document["paths"]!.AsObject().SelectMany(p => Methods
                .Where(m => p.Value![m] is not null)
                .Select(m => (p.Key, m, p.Value![m]!.AsObject()))),
        ];
    }
}
