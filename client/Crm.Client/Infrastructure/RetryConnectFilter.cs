namespace Crm.Client.Infrastructure;

/// <summary>
/// Keeps trying to reach the cluster at start-up instead of failing, so the front end may start before the
/// silo (or wait out a silo restart) and becomes ready when the gateway answers.
/// </summary>
public sealed partial class RetryConnectFilter(ILogger<RetryConnectFilter> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogWaiting(exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster is not reachable yet ({Reason}); retrying.")]
    private partial void LogWaiting(string reason);
}
