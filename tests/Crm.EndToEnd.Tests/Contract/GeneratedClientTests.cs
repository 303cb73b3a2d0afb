using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using Crm.Contracts.Access;
using Crm.Testing.Contract;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Crm.EndToEnd.Tests.Contract;

/// <summary>
/// The document is usable, not only valid: a C# client is generated from the live /openapi/v1.json with NSwag (as an
/// integrator would, README "For integrators"), compiled with Roslyn, and driven against the real stack: sign in,
/// create a customer and a case, reply, read the queue, and get a problem back as a typed exception. The generated
/// client's HttpClient is the contract-checking one, so each exchange is also checked against the document.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GeneratedClientTests(CrmStackFixture stack)
{
    private const string Namespace = "Crm.Generated";
    private const string ClientClass = "CrmApiClient";

    private static Assembly? compiled;

    [Fact]
    public async Task GeneratedClient_SignsInCreatesRepliesReadsTheQueue_AndThrowsTypedProblems()
    {
        var client = await CompileAsync();
        var tenant = await stack.NewTenantAsync();
        var (username, password, _) = tenant.Users[Role.Agent];

        var signIn = Activator.CreateInstance(client.GetType($"{Namespace}.{ClientClass}")!, ContractCheckingHandler.Client(stack.BaseAddress))!;
        var token = await CallAsync(signIn, "IssueToken", new() { ["body"] = New(client, "TokenRequest", new() { ["Username"] = username, ["Password"] = password }) });
        var api = Activator.CreateInstance(client.GetType($"{Namespace}.{ClientClass}")!, TestTenant.WithToken(stack.BaseAddress, (string)Get(token, "AccessToken")!))!;

        var customer = await CallAsync(api, "CreateCustomer", new()
        {
            ["tenantId"] = tenant.Id,
            ["body"] = New(client, "CustomerProfile", new()
            {
                ["DisplayName"] = "Generated Client",
                ["Channels"] = List(client, "ContactChannel", New(client, "ContactChannel", new() { ["Kind"] = "Email", ["Value"] = "generated@example.com" })),
                ["Tags"] = new List<string> { "integrator" },
            }),
        });
        var customerId = (string)Get(customer, "CustomerId")!;
        var opened = await CallAsync(api, "OpenCase", new()
        {
            ["tenantId"] = tenant.Id,
            ["idempotencyKey"] = "generated-client-" + customerId,
            ["body"] = New(client, "NewCase", new()
            {
                ["CustomerId"] = customerId, ["Kind"] = "Complaint", ["Subject"] = "Parcel arrived damaged", ["Description"] = "The box was crushed.",
            }),
        });
        var caseId = (string)Get(opened, "CaseId")!;
        var replied = await CallAsync(api, "ReplyToCase", new()
        {
            ["tenantId"] = tenant.Id, ["caseId"] = caseId, ["body"] = New(client, "ReplyRequest", new() { ["Text"] = "A replacement is on its way." }),
        });
        var queue = await CallAsync(api, "GetWorkQueue", new() { ["tenantId"] = tenant.Id, ["pageSize"] = 20 });

        Assert.Equal(customerId, Get(replied, "CustomerId"));
        Assert.True(System.Convert.ToInt64(Get(replied, "Version"), System.Globalization.CultureInfo.InvariantCulture)
                    > System.Convert.ToInt64(Get(opened, "Version"), System.Globalization.CultureInfo.InvariantCulture));
        var items = ((IEnumerable)Get(queue, "Items")!).Cast<object>().ToList();
        Assert.Contains(items, i => (string?)Get(i, "CaseId") == caseId);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(api, "OpenCase", new()
        {
            ["tenantId"] = tenant.Id,
            ["body"] = New(client, "NewCase", new() { ["CustomerId"] = customerId, ["Kind"] = "Inquiry", ["Subject"] = new string('s', 201), ["Description"] = "Too long a subject." }),
        }));
        Assert.True(refused.GetType().IsGenericType, refused.GetType().FullName);
        Assert.Equal("ApiException`1", refused.GetType().Name);
        Assert.Equal(400, (int)Get(refused, "StatusCode")!);
        var problem = Get(refused, "Result")!;
        Assert.Contains("subject", ((IDictionary)Get(problem, "Errors")!).Keys.Cast<string>());

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(api, "GetCase", new() { ["tenantId"] = tenant.Id, ["caseId"] = "0123456789abcdef0123456789abcdef" }));
        Assert.Equal("ApiException`1", missing.GetType().Name);
        Assert.Equal(404, (int)Get(missing, "StatusCode")!);
        Assert.Equal(404, Convert.ToInt32(Get(Get(missing, "Result")!, "Status"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Generates the client from the document the stack serves and compiles it, once per test run.</summary>
    private async Task<Assembly> CompileAsync()
    {
        if (compiled is not null)
        {
            return compiled;
        }

        var document = await OpenApiDocument.FromJsonAsync(await stack.Http.GetStringAsync("openapi/v1.json"));
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = ClientClass,
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            CSharpGeneratorSettings = { Namespace = Namespace, JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
        };
        var code = new CSharpClientGenerator(document, settings).GenerateFile();

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Crm.Generated.Client",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(emitted.Success, "the generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return compiled = AssemblyLoadContext.Default.LoadFromStream(image);
    }

    /// <summary>Calls a generated operation by its operationId, each argument matched to its parameter by name (NSwag's C# names).</summary>
    private static async Task<object> CallAsync(object client, string operationId, Dictionary<string, object?> arguments)
    {
        var method = client.GetType().GetMethods()
            .Single(m => m.Name == operationId + "Async" && m.GetParameters().LastOrDefault()?.ParameterType != typeof(CancellationToken));
        var byName = arguments.ToDictionary(a => Simple(a.Key), a => a.Value);
        var values = method.GetParameters().Select(p => byName.TryGetValue(Simple(p.Name!), out var value) ? Coerce(value, p.ParameterType) : null).ToArray();
        var task = (Task)method.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    private static object? Coerce(object? value, Type type) =>
        value is not null && (Nullable.GetUnderlyingType(type) ?? type) is var target && target != value.GetType() && target == typeof(int)
            ? System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : value;

    private static string Simple(string name) => new string([.. name.Where(char.IsLetterOrDigit)]).ToLowerInvariant();

    /// <summary>A generated model with its properties set; enum values by their names, as the document lists them.</summary>
    private static object New(Assembly client, string type, Dictionary<string, object?> values)
    {
        var model = Activator.CreateInstance(client.GetType($"{Namespace}.{type}", throwOnError: true)!)!;
        foreach (var (name, value) in values)
        {
            var property = model.GetType().GetProperty(name) ?? throw new InvalidOperationException($"{type} has no {name}");
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(model, value is string text && target.IsEnum ? Enum.Parse(target, text) : value);
        }

        return model;
    }

    private static IList List(Assembly client, string type, params object[] items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(client.GetType($"{Namespace}.{type}", throwOnError: true)!))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static object? Get(object target, string property) =>
        (target.GetType().GetProperty(property) ?? throw new InvalidOperationException($"{target.GetType().Name} has no {property}")).GetValue(target);
}
