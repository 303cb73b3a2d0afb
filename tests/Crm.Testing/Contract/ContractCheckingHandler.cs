using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crm.Testing.Contract;

/// <summary>A response (or request) that breaks the API's own OpenAPI document.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Sits in every test HttpClient that talks to the API and checks each exchange against the document the server
/// publishes: the operation exists, the status is declared, the content type is one the status declares, and the
/// JSON body matches its schema. A request the document calls invalid (its body breaks the request schema) must
/// not succeed. Any mismatch throws <see cref="ContractViolationException"/>, so the test that made the call fails.
/// </summary>
public sealed class ContractCheckingHandler(Uri baseAddress) : DelegatingHandler(new HttpClientHandler())
{
    public static HttpClient Client(Uri baseAddress, TimeSpan? timeout = null) =>
        new(new ContractCheckingHandler(baseAddress)) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return response;
        }

        var contract = await ApiContract.ForAsync(baseAddress);
        var status = (int)response.StatusCode;
        var where = $"{request.Method} {path} -> {status}";
        if (contract.Find(request.Method.Method, path) is not var (template, operation))
        {
            // Routing's own answers for what the document does not have: no such path, or not this method.
            if (status is 404 or 405 || (status == 400 && !contract.HasPath(path)))
            {
                return response;
            }

            throw new ContractViolationException($"{where}: no operation in /openapi/v1.json for this method and path");
        }

        var responses = operation["responses"]?.AsObject();
        var declared = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (declared is null)
        {
            throw new ContractViolationException($"{where}: status {status} is not declared for {request.Method} {template} (declared: {string.Join(", ", responses?.Select(r => r.Key) ?? [])})");
        }

        var body = response.Content is null ? [] : await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length > 0 && request.Method != HttpMethod.Head)
        {
            CheckBody(contract, where, declared["content"]?.AsObject(), response.Content!.Headers.ContentType, body, "response");
        }

        if (status is >= 200 and < 300 && requestBody is { Length: > 0 } sent && operation["requestBody"]?["content"]?.AsObject() is { } accepted)
        {
            CheckBody(contract, where + " (a 2xx for this request)", accepted, request.Content!.Headers.ContentType, sent, "request");
        }

        return response;
    }

    private static void CheckBody(ApiContract contract, string where, JsonObject? content, MediaTypeHeaderValue? contentType, byte[] body, string what)
    {
        var mediaType = contentType?.MediaType;
        if (content is null || content.Count == 0)
        {
            throw new ContractViolationException($"{where}: the {what} has a body ({mediaType}) but the document declares none");
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            throw new ContractViolationException($"{where}: {what} content type '{mediaType}' is not declared (declared: {string.Join(", ", content.Select(c => c.Key))})");
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonNode schema)
        {
            return;
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            throw new ContractViolationException($"{where}: the {what} is not JSON although declared {mediaType}: {ex.Message}");
        }

        if (contract.Check(schema, json) is { } problem)
        {
            var text = System.Text.Encoding.UTF8.GetString(body);
            throw new ContractViolationException($"{where}: the {what} does not match its schema: {problem}\n{(text.Length > 600 ? text[..600] + "…" : text)}");
        }
    }
}
