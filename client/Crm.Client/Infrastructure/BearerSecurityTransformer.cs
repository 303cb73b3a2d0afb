using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Crm.Client.Infrastructure;

/// <summary>Tells API clients (and the Scalar reference) that the API takes a bearer token from POST /api/auth/token.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token from POST /api/auth/token (username and password); it lasts 8 hours.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
