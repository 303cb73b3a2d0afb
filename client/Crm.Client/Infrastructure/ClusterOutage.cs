using System.Net.Sockets;
using Azure;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;

namespace Crm.Client.Infrastructure;

/// <summary>
/// Tells an outage (a silo gone, the cluster or the storage out of reach, a call that timed out) from a bug, so the
/// caller is told to retry later instead of being shown a 500. Exceptions are walked through their inner ones,
/// because a grain's storage failure arrives wrapped.
/// </summary>
public static class ClusterOutage
{
    private static readonly string[] OutageTypeNames =
    [
        nameof(SiloUnavailableException), nameof(OrleansMessageRejectionException), nameof(ConnectionFailedException),
        nameof(GatewayTooBusyException), nameof(ClientNotAvailableException), nameof(TimeoutException),
        nameof(SocketException), nameof(HttpRequestException),
        "OrleansClusterConnectivityCheckFailedException", "SocketConnectionException",
    ];

    public static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException
                    or GatewayTooBusyException or ClientNotAvailableException or TimeoutException or SocketException
                    or HttpRequestException or TaskCanceledException { InnerException: TimeoutException }:
                    return true;
                // Storage that did not answer (status 0) or answered that it is unwell; 4xx are the caller's problems.
                case RequestFailedException { Status: 0 or >= 500 }:
                    return true;
                // An exception type the front end cannot load arrives as a fallback that keeps the type's name.
                case UnavailableExceptionFallbackException fallback when OutageTypeNames.Any(n => fallback.ExceptionType?.Contains(n, StringComparison.Ordinal) == true):
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsOutage):
                    return true;
            }

            if (OutageTypeNames.Any(n => e.GetType().Name == n))
            {
                return true;
            }
        }

        return false;
    }
}
