using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Grains.ServiceDesk;

/// <summary>
/// A tenant's outgoing webhook. Enqueue persists the event in the outbox and returns; a grain timer delivers due
/// events one after another in enqueue order, each on its own backoff, so a failing event delays the others by one
/// attempt at most. A durable reminder is held while anything is pending, so retries resume after a restart.
/// The delivery pass interleaves with calls (see <see cref="StartTimer"/>), so state changes are applied to the
/// current state by event id, and writes are chained (see <see cref="PersistAsync"/>).
/// </summary>
public sealed partial class WebhookGrain(
    [PersistentState("webhook", CrmStorage.Name)] IPersistentState<WebhookState> state,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string ReminderName = "webhook-delivery";
    private const int RecentLimit = 20;
    private const int FinishedIdLimit = 1000;
    private const int MaxErrorLength = 200;

    // Keeps the state well under the storage's 1 MB entity limit, however large the events are.
    private const int MaxPendingBytes = 512 * 1024;
    private const int MaxEventBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IGrainTimer? _timer;
    private bool _passRunning;
    private bool _passRequested;
    // Null until known: a previous activation may have left the reminder registered.
    private bool? _reminderHeld;
    private Task _lastWrite = Task.CompletedTask;

    private WebhookOptions Options => options.Value;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A restart or deactivation may have left due events: deliver them, and make sure the reminder is held.
        if (state.State.Pending.Length > 0)
        {
            await SyncReminderAsync();
            Kick();
        }
    }

    public async Task EnqueueAsync(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (string.IsNullOrWhiteSpace(webhookEvent.EventId) || string.IsNullOrWhiteSpace(webhookEvent.Type))
        {
            throw new ValidationFailedException([new FieldError("eventId", "An event needs an id and a type.")]);
        }

        if (EstimatedBytes(webhookEvent) > MaxEventBytes)
        {
            throw new ValidationFailedException([new FieldError("summary", $"An event takes at most {MaxEventBytes / 1024} KB.")]);
        }

        var current = state.State;
        if (current.Url is null)
        {
            return;
        }

        if (current.Pending.Any(p => p.Event.EventId == webhookEvent.EventId) || current.FinishedIds.Contains(webhookEvent.EventId))
        {
            // A repeat after an enqueue that stored the event but failed to register the reminder: register it now.
            await SyncReminderAsync();
            return;
        }

        var pending = current.Pending.Add(new WebhookOutboxEntry(webhookEvent, 0, time.GetUtcNow()));
        var dropped = 0;
        var bytes = pending.Sum(p => EstimatedBytes(p.Event));
        while (pending.Length > 1 && (pending.Length > Options.MaxPending || bytes > MaxPendingBytes))
        {
            bytes -= EstimatedBytes(pending[0].Event);
            pending = pending.RemoveAt(0);
            dropped++;
        }

        state.State = current with { Pending = pending, Dropped = current.Dropped + dropped };
        try
        {
            await PersistAsync();
        }
        catch
        {
            // Memory must not claim what storage lacks (a retry would count as a duplicate): reload on the next call.
            DeactivateOnIdle();
            throw;
        }

        if (dropped > 0)
        {
            CrmMetrics.WebhooksDropped.Add(dropped);
            LogDropped(this.GetPrimaryKeyString(), dropped);
        }

        await SyncReminderAsync();
        Kick();
    }

    public async Task<int> OfferAsync(ImmutableArray<WebhookEvent> events)
    {
        if (events.IsDefaultOrEmpty)
        {
            return 0;
        }

        foreach (var e in events)
        {
            if (e is null || string.IsNullOrWhiteSpace(e.EventId) || string.IsNullOrWhiteSpace(e.Type))
            {
                throw new ValidationFailedException([new FieldError("eventId", "An event needs an id and a type.")]);
            }

            if (EstimatedBytes(e) > MaxEventBytes)
            {
                throw new ValidationFailedException([new FieldError("summary", $"An event takes at most {MaxEventBytes / 1024} KB.")]);
            }
        }

        var current = state.State;
        if (current.Url is null)
        {
            return events.Length;
        }

        // One state write for all that fit, in order; the first that does not fit ends the offer (order is kept).
        var known = current.Pending.Select(p => p.Event.EventId).Concat(current.FinishedIds).ToHashSet(StringComparer.Ordinal);
        var pending = current.Pending.ToBuilder();
        var bytes = current.Pending.Sum(p => EstimatedBytes(p.Event));
        var taken = 0;
        foreach (var e in events)
        {
            if (!known.Contains(e.EventId))
            {
                var size = EstimatedBytes(e);
                if (pending.Count >= Options.MaxPending || bytes + size > MaxPendingBytes)
                {
                    break;
                }

                pending.Add(new WebhookOutboxEntry(e, 0, time.GetUtcNow()));
                known.Add(e.EventId);
                bytes += size;
            }

            taken++;
        }

        if (pending.Count > current.Pending.Length)
        {
            state.State = current with { Pending = pending.ToImmutable() };
            try
            {
                await PersistAsync();
            }
            catch
            {
                // As in EnqueueAsync: memory must not claim what storage lacks; reload on the next call.
                DeactivateOnIdle();
                throw;
            }
        }

        await SyncReminderAsync();
        Kick();
        return taken;
    }

    public async Task<WebhookSettingsView> ConfigureAsync(string? url, string actor)
    {
        RequireActor(actor);
        if (url is not null)
        {
            url = url.Trim();
            if (WebhookUrlRules.Problem(url) is { } problem)
            {
                throw new ValidationFailedException([new FieldError("url", problem)]);
            }
        }

        var now = time.GetUtcNow();
        var secret = url is null ? null : WebhookSignature.NewSecret();
        // Without a receiver nothing pending can go anywhere; finished deliveries stay for the status.
        state.State = state.State with
        {
            Url = url,
            Secret = secret,
            ChangedAt = now,
            ChangedBy = actor,
            Pending = url is null ? [] : state.State.Pending,
        };
        await PersistOrReloadAsync();
        await SyncReminderAsync();
        Kick();
        return new WebhookSettingsView(url, secret, secret is null ? null : WebhookSignature.Hint(secret), now, actor);
    }

    public async Task<WebhookSettingsView> RotateSecretAsync(string actor)
    {
        RequireActor(actor);
        if (state.State.Url is not { } url)
        {
            throw new NotFoundException("No webhook is configured for this tenant.");
        }

        var now = time.GetUtcNow();
        var secret = WebhookSignature.NewSecret();
        state.State = state.State with { Secret = secret, ChangedAt = now, ChangedBy = actor };
        await PersistOrReloadAsync();
        return new WebhookSettingsView(url, secret, WebhookSignature.Hint(secret), now, actor);
    }

    public Task<WebhookStatus> GetStatusAsync()
    {
        var s = state.State;
        var pending = s.Pending.Take(RecentLimit).Select(p => new WebhookDelivery(
            p.Event.EventId, p.Event.Type, WebhookDeliveryState.Pending, p.Attempts, p.LastStatusCode, p.LastError, p.LastAttemptAt, p.NextAttemptAt));
        return Task.FromResult(new WebhookStatus(
            s.Url,
            s.Secret is null ? null : WebhookSignature.Hint(s.Secret),
            s.Pending.Length,
            s.Dropped,
            [.. pending, .. s.Recent],
            s.ChangedAt,
            s.ChangedBy));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Kick();
        return Task.CompletedTask;
    }

    /// <summary>Runs a delivery pass now (or right after the one running).</summary>
    private void Kick() => Schedule(TimeSpan.Zero);

    private void Schedule(TimeSpan dueTime)
    {
        if (_timer is null)
        {
            _timer = StartTimer(dueTime);
        }
        else
        {
            _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The delivery timer interleaves with calls (written reason for rule 4): a pass waits on receivers for up to
    /// <see cref="WebhookOptions.Timeout"/> per event, and enqueueing must not wait for that.
    /// </summary>
    private IGrainTimer StartTimer(TimeSpan dueTime) =>
        this.RegisterGrainTimer(
            _ => DeliverDueAsync(),
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = false });

    private async Task DeliverDueAsync()
    {
        if (_passRunning)
        {
            _passRequested = true;
            return;
        }

        _passRunning = true;
        try
        {
            do
            {
                _passRequested = false;
                var now = time.GetUtcNow();
                var due = state.State.Pending.Where(p => p.NextAttemptAt <= now).Select(p => p.Event.EventId).ToList();
                foreach (var eventId in due)
                {
                    // A call may have removed the event or the webhook while an earlier delivery was awaited.
                    var s = state.State;
                    var entry = s.Pending.FirstOrDefault(p => p.Event.EventId == eventId);
                    if (entry is null || s.Url is null || s.Secret is null)
                    {
                        continue;
                    }

                    var (statusCode, error) = await SendAsync(s.Url, s.Secret, entry.Event);
                    Record(eventId, statusCode, error);
                    try
                    {
                        await PersistAsync();
                    }
                    catch (Exception ex)
                    {
                        // Storage holds the truth; a fresh activation (the reminder brings one) resumes from it.
                        LogWriteFailed(ex, this.GetPrimaryKeyString());
                        DeactivateOnIdle();
                        return;
                    }
                }
            }
            while (_passRequested);

            await SyncReminderAsync();
        }
        finally
        {
            _passRunning = false;
            ScheduleNextDue();
        }
    }

    private void ScheduleNextDue()
    {
        if (state.State.Pending.Length == 0)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = state.State.Pending.Min(p => p.NextAttemptAt) - time.GetUtcNow();
        Schedule(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    /// <summary>One attempt: 2xx is delivered; anything else, a network error or a timeout is a failure.</summary>
    private async Task<(int? StatusCode, string? Error)> SendAsync(string url, string secret, WebhookEvent e)
    {
        var tenantId = this.GetPrimaryKeyString();
        var body = JsonSerializer.Serialize(
            new { id = e.EventId, type = e.Type, at = e.At, tenantId, caseId = e.CaseId, summary = e.Summary, data = e.Data ?? ImmutableDictionary<string, string>.Empty },
            Json);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Crm-Event", e.Type);
        request.Headers.Add("X-Crm-Delivery", e.EventId);
        request.Headers.Add("X-Crm-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Crm-Signature", WebhookSignature.Sign(secret, timestamp, body));
        try
        {
            using var response = await httpClients.CreateClient(WebhookOptions.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var code = (int)response.StatusCode;
            return (code, response.IsSuccessStatusCode ? null : $"HTTP {code} {response.ReasonPhrase}".Trim());
        }
        catch (TaskCanceledException)
        {
            return (null, $"No answer within {Options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            return (null, Shorten(ex.Message));
        }
    }

    /// <summary>Applies an attempt's outcome to the current state of its event; synchronous, so nothing interleaves.</summary>
    private void Record(string eventId, int? statusCode, string? error)
    {
        var s = state.State;
        var index = IndexOf(s.Pending, eventId);
        if (index < 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var entry = s.Pending[index];
        var attempts = entry.Attempts + 1;
        var tags = new KeyValuePair<string, object?>("type", entry.Event.Type);
        if (error is null)
        {
            state.State = Finish(s, index, new WebhookDelivery(eventId, entry.Event.Type, WebhookDeliveryState.Delivered, attempts, statusCode, null, now, null));
            CrmMetrics.WebhooksDelivered.Add(1, tags);
            return;
        }

        // 410 Gone: the receiver says this endpoint is gone for good, so retrying the event is pointless; the webhook
        // stays configured (disabling it is the tenant admin's decision) and the status shows why.
        var delay = statusCode == (int)HttpStatusCode.Gone ? null : WebhookBackoff.NextDelay(Options.EffectiveSchedule, attempts);
        if (delay is { } wait)
        {
            state.State = s with
            {
                Pending = s.Pending.SetItem(index, entry with
                {
                    Attempts = attempts,
                    NextAttemptAt = now + wait,
                    LastStatusCode = statusCode,
                    LastError = error,
                    LastAttemptAt = now,
                }),
            };
            return;
        }

        state.State = Finish(s, index, new WebhookDelivery(eventId, entry.Event.Type, WebhookDeliveryState.FailedPermanently, attempts, statusCode, error, now, null));
        CrmMetrics.WebhooksFailed.Add(1, tags);
        LogFailedPermanently(this.GetPrimaryKeyString(), eventId, entry.Event.Type, attempts, error);
    }

    private static int EstimatedBytes(WebhookEvent e) =>
        64 + Encoding.UTF8.GetByteCount(e.EventId) + Encoding.UTF8.GetByteCount(e.Type) + Encoding.UTF8.GetByteCount(e.CaseId ?? "")
        + Encoding.UTF8.GetByteCount(e.Summary ?? "")
        + (e.Data ?? ImmutableDictionary<string, string>.Empty).Sum(d => 8 + Encoding.UTF8.GetByteCount(d.Key) + Encoding.UTF8.GetByteCount(d.Value ?? ""));

    private static int IndexOf(ImmutableArray<WebhookOutboxEntry> pending, string eventId)
    {
        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i].Event.EventId == eventId)
            {
                return i;
            }
        }

        return -1;
    }

    private static WebhookState Finish(WebhookState s, int index, WebhookDelivery delivery)
    {
        var finished = s.FinishedIds.Add(delivery.EventId);
        return s with
        {
            Pending = s.Pending.RemoveAt(index),
            Recent = [.. s.Recent.Insert(0, delivery).Take(RecentLimit)],
            FinishedIds = finished.Length > FinishedIdLimit ? finished.RemoveRange(0, finished.Length - FinishedIdLimit) : finished,
        };
    }

    /// <summary>Holds the reminder while anything is pending and drops it when the outbox is empty.</summary>
    private async Task SyncReminderAsync()
    {
        var wanted = state.State.Pending.Length > 0;
        if (wanted && _reminderHeld != true)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Options.ReminderPeriod, Options.ReminderPeriod);
            _reminderHeld = true;
        }
        else if (!wanted && _reminderHeld != false)
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            _reminderHeld = false;
        }
    }

    /// <summary>
    /// Writes the current state after any write in flight: calls and the interleaved delivery pass both write, and
    /// two writes carrying the same ETag would make the second fail.
    /// </summary>
    private Task PersistAsync()
    {
        var write = WriteAfterAsync(_lastWrite);
        _lastWrite = write;
        return write;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception)
        {
            // The earlier writer saw and handled its own failure; this write tries again with the current state.
        }

        await state.WriteStateAsync();
    }

    private async Task PersistOrReloadAsync()
    {
        try
        {
            await PersistAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private static void RequireActor(string actor)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ArgumentException("Every change needs an actor.", nameof(actor));
        }
    }

    private static string Shorten(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of tenant {TenantId} gave up on event {EventId} ({Type}) after {Attempts} attempts: {Error}")]
    private partial void LogFailedPermanently(string tenantId, string eventId, string type, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox of tenant {TenantId} was full; dropped the {Count} oldest events.")]
    private partial void LogDropped(string tenantId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox of tenant {TenantId} not written after a delivery; resuming from storage.")]
    private partial void LogWriteFailed(Exception exception, string tenantId);
}
