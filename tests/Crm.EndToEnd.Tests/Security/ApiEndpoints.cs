using Crm.Client.Security;
using Crm.Contracts.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// Every API endpoint the front end maps, read from its routing so that an endpoint added later is covered by the
/// tests that walk them (access matrix, fuzz) without anyone remembering to list it.
/// </summary>
public static class ApiEndpoints
{
    public static List<ApiEndpoint> Of(IServiceProvider clientServices) =>
    [
        .. clientServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiEndpoint(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<RequiresPermission>()?.Permission,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType))),
    ];
}

/// <summary>One method and route of the API; <see cref="BodyType"/> is the JSON body it reads, if any.</summary>
public sealed record ApiEndpoint(string Method, string Pattern, Permission? Permission, bool AllowsAnonymous, Type? BodyType)
{
    public string Key => $"{Method} {Pattern}";
}
