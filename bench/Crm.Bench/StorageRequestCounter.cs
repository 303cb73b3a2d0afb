using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crm.Bench;

/// <summary>
/// Counts the storage requests one operation makes before its answer arrives: every outgoing HTTP request to the
/// storage port (HttpClient's "System.Net.Http" activities, which the Azure SDK's transport makes) in the operation's
/// trace, started before the operation completed. The trace reaches the silo through Orleans' activity propagation,
/// so grain calls made for the request count; work deferred past the answer does not.
/// </summary>
internal sealed class StorageRequestCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ActivitySource _source = new("Crm.Bench");
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<(long At, string What)>> _requests = new();
    private readonly int _port;

    public StorageRequestCounter(int storagePort)
    {
        _port = storagePort;
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "System.Net.Http" or "Crm.Bench",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = OnStarted,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Runs the operation in a trace of its own and returns the storage requests it waited for, in start order.</summary>
    public async Task<IReadOnlyList<string>> CountAsync(Func<Task> operation)
    {
        using var root = _source.StartActivity("bench-operation", ActivityKind.Client)
            ?? throw new InvalidOperationException("The bench's activity source is not listened to.");
        var trace = root.TraceId;
        _requests[trace] = new();
        await operation();
        var done = Stopwatch.GetTimestamp();
        _requests.TryRemove(trace, out var seen);
        return [.. seen!.Where(r => r.At <= done).Select(r => r.What)];
    }

    private void OnStarted(Activity activity)
    {
        if (activity.Source.Name != "System.Net.Http" || !_requests.TryGetValue(activity.TraceId, out var seen))
        {
            return;
        }

        // The request's URL is a tag in .NET 9 and later ("url.full"); the display name carries the method.
        if (activity.GetTagItem("url.full") is string url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port == _port)
        {
            var table = uri.AbsolutePath.Trim('/').Split('/').Last().Split('(')[0];
            seen.Enqueue((Stopwatch.GetTimestamp(), (activity.GetTagItem("http.request.method") as string ?? activity.DisplayName) + " " + table));
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }
}
