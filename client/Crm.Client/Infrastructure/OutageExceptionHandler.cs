using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Crm.Client.Infrastructure;

/// <summary>
/// An outage (see <see cref="ClusterOutage"/>) answers 503 with <c>Retry-After</c>, in problem details: the client
/// retries the same request (with the same idempotency key or ETag) rather than treating it as a bug.
/// </summary>
public sealed partial class OutageExceptionHandler(IProblemDetailsService problems, ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait: about how long a dead silo takes to be declared dead and replaced.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ClusterOutage.IsOutage(exception))
        {
            return false;
        }

        LogOutage(context.Request.Path, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is briefly unavailable.",
                Detail = $"Part of the service is restarting or out of reach. Retry the same request in {RetryAfterSeconds} seconds; " +
                         "creations with the same Idempotency-Key and changes with the same If-Match are safe to repeat.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outage answering {Path}: {ExceptionType}; answered 503.")]
    private partial void LogOutage(string path, string exceptionType);
}
