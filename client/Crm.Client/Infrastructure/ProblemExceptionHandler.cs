using System.Text.Json;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Turns the cluster's expected failures, and unreadable request bodies, into RFC 7807 problem details.
/// Anything else stays a 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? details = exception switch
        {
            ValidationFailedException v => new ValidationProblemDetails(
                v.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = f.Message },
            ConflictException c => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = c.Message },
            // Not an outage: the cluster asks the caller to send the same (idempotent) request again shortly.
            BusyException b => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "The service is briefly unavailable.", Detail = b.Message },
            PreconditionFailedException p => new ProblemDetails { Status = StatusCodes.Status412PreconditionFailed, Title = Preconditions.FailedTitle, Detail = p.Message },
            BadHttpRequestException b => BadRequest(b, context.Features.Get<IExceptionHandlerFeature>()?.Endpoint, json.Value.SerializerOptions),
            _ => null,
        };
        if (details is null)
        {
            return false;
        }

        context.Response.StatusCode = details.Status!.Value;
        if (exception is BusyException busy)
        {
            context.Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions options) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => new ProblemDetails { Status = exception.StatusCode, Title = "Content Too Large" },
        StatusCodes.Status415UnsupportedMediaType => new ProblemDetails
        {
            Status = exception.StatusCode, Title = "Unsupported Media Type", Detail = BindingErrors.UnsupportedMediaType,
        },
        _ => new ValidationProblemDetails(BindingErrors.Of(exception, endpoint, options))
        {
            Status = exception.StatusCode,
            Title = exception.InnerException is JsonException ? "The request body could not be read." : "One or more fields are invalid.",
        },
    };
}
