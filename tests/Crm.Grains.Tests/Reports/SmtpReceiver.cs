using System.Buffers;
using System.Collections.Concurrent;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// A real SMTP server on a free loopback port (the SmtpServer library), keeping every message it accepts; it can
/// refuse the next messages to a recipient, as a full mailbox or a server in trouble would.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private SmtpReceiver(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(port).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>How many more messages to each recipient to refuse (554).</summary>
    public ConcurrentDictionary<string, int> RefusalsLeft { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Refused;

    public static SmtpReceiver Start() => new(Crm.Testing.AzuriteServer.FreeTcpPort());

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpReceiver receiver) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            foreach (var to in transaction.To.Select(t => $"{t.User}@{t.Host}"))
            {
                if (receiver.RefusalsLeft.TryGetValue(to, out var left) && left > 0 && receiver.RefusalsLeft.TryUpdate(to, left - 1, left))
                {
                    Interlocked.Increment(ref receiver.Refused);
                    return new SmtpResponse(SmtpReplyCode.TransactionFailed, "Injected: mailbox unavailable");
                }
            }

            using var stream = new MemoryStream(buffer.ToArray());
            receiver.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
