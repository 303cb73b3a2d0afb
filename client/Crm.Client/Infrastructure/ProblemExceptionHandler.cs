using System.Text.Json;
using Crm.Contracts.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Turns the cluster's expected failures, and unreadable request bodies, into RFC 7807 problem details.
/// Anything else stays a 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
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
            BadHttpRequestException b => BadRequest(b),
            _ => null,
        };
        if (details is null)
        {
            return false;
        }

        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { } path } json)
        {
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json.Message.Split(" Path:", 2)[0]],
            })
            {
                Status = exception.StatusCode,
                Title = "The request body could not be read.",
            };
        }

        return new ProblemDetails { Status = exception.StatusCode, Title = "Bad request.", Detail = exception.Message };
    }
}
