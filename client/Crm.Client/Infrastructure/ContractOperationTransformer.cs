using Crm.Client.Apis;
using Crm.Contracts.Cases;
using Crm.Contracts.Common;
using Crm.Domain.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Declares, on every operation (those added later too), the answers the shared layers can give whatever the handler
/// says: 400 from binding, 401 and 403 from sign-in and permissions, 404 for ids in the route, 409 on changes,
/// 412/428 where If-Match is required, 413 and 415 for bodies, 429 where a rate limit applies, 503 in an outage; and the
/// limits of the shared parameters (page size, ids, Idempotency-Key), taken from the rules the server checks.
/// </summary>
public sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";
    public const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var method = description.HttpMethod ?? "GET";
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var hasBody = operation.RequestBody is not null;
        operation.Responses ??= [];
        var parameters = operation.Parameters ?? [];

        DeclareFileContent(operation, metadata);
        foreach (var parameter in parameters.OfType<OpenApiParameter>())
        {
            Constrain(parameter);
        }

        // Any operation: StrictBinding refuses control characters in any query value, declared or not.
        {
            Add(operation, document, StatusCodes.Status400BadRequest, "The input breaks a rule; each field says which.", validation: true);
        }

        if (!anonymous)
        {
            Add(operation, document, StatusCodes.Status401Unauthorized, "No valid bearer token (POST /api/auth/token).");
            Add(operation, document, StatusCodes.Status403Forbidden, "Signed in, but without the permission this needs in this tenant.");
        }

        if (description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Add(operation, document, StatusCodes.Status404NotFound, "Nothing with these ids, or not in this tenant.");
        }

        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            Add(operation, document, StatusCodes.Status409Conflict, "The change conflicts with the current state; the detail says why.");
        }

        // Only where the server checks it (Preconditions.RequireIfMatch): an endpoint that ignores If-Match answers neither.
        if (metadata.OfType<IfMatchRequired>().Any())
        {
            Add(operation, document, StatusCodes.Status412PreconditionFailed, "If-Match names an older version: read again and reapply your change.");
            Add(operation, document, StatusCodes.Status428PreconditionRequired, "Send If-Match with the ETag you read.");
        }

        if (hasBody)
        {
            Add(operation, document, StatusCodes.Status413PayloadTooLarge, "The body is larger than the API accepts.");
            Add(operation, document, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(operation, document, StatusCodes.Status429TooManyRequests, "Too many attempts from this address; wait for Retry-After.");
        }

        Add(operation, document, StatusCodes.Status503ServiceUnavailable, "Part of the service is restarting; retry after Retry-After seconds (safe with the same Idempotency-Key or If-Match).");
        return Task.CompletedTask;
    }

    /// <summary>
    /// A file answer (.Produces(200, contentType: "text/csv") without a type) gets its media type in the document,
    /// as a string (binary for PDF), so clients and the contract check know what a 200 carries.
    /// </summary>
    private static void DeclareFileContent(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var produces in metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                     .Where(p => p.StatusCode is >= 200 and < 300 && p.ContentTypes.Any()))
        {
            var key = produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse response && response.Content is not { Count: > 0 })
            {
                response.Content = produces.ContentTypes.ToDictionary(
                    c => c,
                    c => new OpenApiMediaType
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = c.EndsWith("json", StringComparison.Ordinal) ? null : "binary" },
                    });
            }
        }
    }

    /// <summary>The limits of parameters many endpoints share, from the rules that check them.</summary>
    private static void Constrain(OpenApiParameter parameter)
    {
        if (parameter.Schema is not OpenApiSchema schema)
        {
            return;
        }

        switch (parameter.Name)
        {
            case StrictBinding.PageSizeParameter when parameter.In == ParameterLocation.Query:
                schema.Minimum = "1";
                schema.Maximum = Paging.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
                schema.Pattern = null;
                schema.Type = JsonSchemaType.Integer;
                parameter.Description ??= $"Items per page, 1-{Paging.MaxPageSize}.";
                break;
            case "continuationToken" when parameter.In == ParameterLocation.Query:
                parameter.Description ??= "The continuationToken of the previous page, as it was; absent for the first page.";
                break;
            case "q" when parameter.In == ParameterLocation.Query:
                schema.MaxLength = Crm.Domain.Search.SearchGrams.MaxQueryLength;
                parameter.Description ??= $"What to search for, {Crm.Domain.Search.SearchGrams.MinQueryLength}-{Crm.Domain.Search.SearchGrams.MaxQueryLength} characters.";
                break;
            case "tenantId" when parameter.In == ParameterLocation.Path:
                schema.Pattern = Identifiers.TenantIdPattern;
                schema.MaxLength = Identifiers.MaxTenantIdLength;
                break;
            case CasesApi.IdempotencyKeyHeader when parameter.In == ParameterLocation.Header:
                schema.MinLength = 1;
                schema.MaxLength = CaseKey.MaxRequestIdLength;
                schema.Pattern = CaseKey.RequestIdPattern;
                parameter.Description ??= "Makes a create safe to retry: the same key returns the first result with 200; the same key with a different body is a 409.";
                break;
            case Preconditions.IfMatchHeader when parameter.In == ParameterLocation.Header:
                // Required in the document (a generated client asks for it); missing, the server answers 428, not 400.
                parameter.Required = true;
                parameter.Description = "The ETag you read, e.g. \"3\" (412 if the resource has changed since), or * to replace any version. Missing: 428.";
                break;
            default:
                if (parameter.In == ParameterLocation.Path && parameter.Name?.EndsWith("Id", StringComparison.Ordinal) == true)
                {
                    schema.Pattern = Identifiers.EntityIdPattern;
                    schema.MaxLength = Identifiers.MaxEntityIdLength;
                }

                break;
        }
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, int status, string description, bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse { Content.Count: > 0 })
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } given && given != ReasonPhrase(status) ? given : description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(validation ? ValidationProblemSchema : ProblemSchema, document) },
            },
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
