namespace Crm.Client.Infrastructure;

/// <summary>
/// Bounds each grain call an API request makes by what is left of the request's budget (<see cref="RequestDeadline"/>):
/// none left, or the call outlasting it, is a <see cref="TimeoutException"/>, which <see cref="OutageExceptionHandler"/>
/// answers with 503 and Retry-After. An abandoned call may still complete in the cluster, as with any timeout; the
/// client's retry with the same Idempotency-Key or If-Match makes that safe. Calls outside an API request pass as they are.
/// </summary>
public sealed class DeadlineCallFilter(TimeProvider time) : IOutgoingGrainCallFilter
{
    public const string Expired = "The request's time budget ran out before the cluster answered.";

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (RequestDeadline.Remaining(time) is not { } left)
        {
            await context.Invoke();
            return;
        }

        if (left <= TimeSpan.Zero)
        {
            throw new TimeoutException(Expired);
        }

        try
        {
            await context.Invoke().WaitAsync(left, time);
        }
        catch (TimeoutException) when (RequestDeadline.Remaining(time) is { } now && now <= TimeSpan.Zero)
        {
            throw new TimeoutException(Expired);
        }
    }
}
