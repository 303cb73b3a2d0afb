using System.Globalization;

namespace Crm.Client.Infrastructure;

/// <summary>
/// If-Match as HTTP has it (RFC 9110 13.1.1, RFC 6585 3), in one place for every endpoint that replaces a resource:
/// such a change needs If-Match (none: 428, so no client overwrites a version it never read by forgetting the header);
/// the ETag as read, e.g. <c>"3"</c>, makes the change only on that version (an older one: 412, raised by the grain
/// as <see cref="Crm.Contracts.Common.PreconditionFailedException"/> in the same turn as the write); <c>*</c> is the
/// caller's deliberate "whatever version is there". Endpoints marked with <see cref="RequireIfMatch{TBuilder}"/> get
/// the check as a filter, and the document declares 412 and 428 on exactly those (ContractOperationTransformer).
/// </summary>
public static class Preconditions
{
    public const string IfMatchHeader = "If-Match";
    public const string AnyVersion = "*";
    public const string RequiredTitle = "Precondition Required";
    public const string RequiredDetail = "This change needs an If-Match header: the ETag you read (for example \"3\"), or * to replace whatever version is there.";
    public const string FailedTitle = "Precondition Failed";
    public const string MalformedETag = "Send the ETag as you read it, for example \"3\", or *.";

    /// <summary>Marks an endpoint whose change needs If-Match, and checks the header before the handler runs.</summary>
    public static TBuilder RequireIfMatch<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IfMatchRequired()).AddEndpointFilter(async (invocation, next) =>
        {
            var headers = invocation.HttpContext.Request.Headers;
            if (!headers.TryGetValue(IfMatchHeader, out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values.ToString()))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: RequiredTitle, detail: RequiredDetail);
            }

            return TryParse(values.ToString(), out _) ? await next(invocation) : ApiProblems.Invalid(IfMatchHeader, MalformedETag);
        });

    /// <summary>
    /// The version an If-Match names: null for <c>*</c> (any version). Only one strong ETag of ours is understood; a
    /// list or a weak tag could never match a strong comparison here, so they are refused as malformed rather than
    /// answered 412 forever.
    /// </summary>
    public static bool TryParse(string? ifMatch, out long? version)
    {
        version = null;
        var value = ifMatch?.Trim();
        if (value == AnyVersion)
        {
            return true;
        }

        if (value is not { Length: > 2 } || value[0] != '"' || value[^1] != '"'
            || !long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    /// <summary>The version to pass to the grain, for a handler behind <see cref="RequireIfMatch{TBuilder}"/> (the filter has checked the form).</summary>
    public static long? ExpectedVersion(string? ifMatch) => TryParse(ifMatch, out var version) ? version : null;
}

/// <summary>Endpoint metadata: this change needs If-Match (the document declares 412 and 428 for it).</summary>
public sealed class IfMatchRequired;
