using Microsoft.AspNetCore.Http.Metadata;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Endpoint metadata that routing turns into the request's body limit (IHttpMaxRequestBodySizeFeature), so the server
/// refuses a larger body with a 413 while reading it. Kept on the API endpoints only: the web UI's forms keep the default.
/// </summary>
public sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
