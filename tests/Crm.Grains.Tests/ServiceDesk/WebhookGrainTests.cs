using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Contracts.Common;
using Crm.Contracts.ServiceDesk;
using Crm.Grains.Tests.Customers;
using Crm.Testing;

namespace Crm.Grains.Tests.ServiceDesk;

/// <summary>A tenant's webhook against a real HTTP receiver on loopback, with the test cluster's short retry schedule.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WebhookGrainTests(ClusterFixture fixture)
{
    private static WebhookEvent NewEvent(string type = "case.sla_breached") => new(
        Guid.NewGuid().ToString("N"),
        type,
        DateTimeOffset.UtcNow,
        "case-" + Guid.NewGuid().ToString("N")[..8],
        "Resolution deadline passed.",
        ImmutableDictionary<string, string>.Empty.Add("target", "Resolution").Add("severity", "major"));

    private (string Tenant, IWebhookGrain Grain) NewWebhook()
    {
        var tenant = CustomerBuilder.NewTenant();
        return (tenant, fixture.Client.GetGrain<IWebhookGrain>(tenant));
    }

    [Fact]
    public async Task Enqueue_Configured_PostsSignedJsonOnceAndShowsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, webhook) = NewWebhook();
        var settings = await webhook.ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();

        await webhook.EnqueueAsync(e);

        var request = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1));
        Assert.Equal(e.EventId, request.Header("X-Crm-Delivery"));
        Assert.Equal(e.Type, request.Header("X-Crm-Event"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var timestamp = long.Parse(request.Header("X-Crm-Timestamp"), CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // Computed here from the secret the configuration returned, not with the product's own signing code.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(settings.Secret!), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        Assert.Equal(expected, request.Header("X-Crm-Signature"));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal(e.EventId, root.GetProperty("id").GetString());
        Assert.Equal(e.Type, root.GetProperty("type").GetString());
        Assert.Equal(tenant, root.GetProperty("tenantId").GetString());
        Assert.Equal(e.CaseId, root.GetProperty("caseId").GetString());
        Assert.Equal(e.Summary, root.GetProperty("summary").GetString());
        Assert.Equal(e.At, root.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("major", root.GetProperty("data").GetProperty("severity").GetString());

        var status = await WaitForStatusAsync(webhook, s => s.Pending == 0 && s.Deliveries.Length == 1);
        var delivery = Assert.Single(status.Deliveries);
        Assert.Equal((e.EventId, WebhookDeliveryState.Delivered, 1, 204), (delivery.EventId, delivery.State, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public async Task Configure_ReturnsSecretOnce_StatusShowsOnlyItsHint()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, webhook) = NewWebhook();

        var settings = await webhook.ConfigureAsync(receiver.Url, "admin-1");

        Assert.Matches("^[0-9a-f]{64}$", settings.Secret);
        Assert.Equal(settings.Secret![^4..], settings.SecretHint);
        var status = await webhook.GetStatusAsync();
        Assert.Equal((receiver.Url, settings.SecretHint, "admin-1"), (status.Url, status.SecretHint, status.ChangedBy));
        var again = await webhook.ConfigureAsync(receiver.Url, "admin-1");
        Assert.NotEqual(settings.Secret, again.Secret);
    }

    [Fact]
    public async Task Enqueue_ReceiverFailsTwice_DeliveredOnThirdAttemptWithSameEventId()
    {
        await using var receiver = await WebhookReceiver.StartAsync(n => n <= 2 ? 503 : 200);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();

        await webhook.EnqueueAsync(e);

        var received = await receiver.WaitForAsync(r => r.Any(x => x.AnsweredStatus == 200));
        Assert.Equal([503, 503, 200], received.Select(r => r.AnsweredStatus));
        Assert.All(received, r => Assert.Equal(e.EventId, r.Header("X-Crm-Delivery")));
        var status = await WaitForStatusAsync(webhook, s => s.Pending == 0);
        var delivery = Assert.Single(status.Deliveries);
        Assert.Equal((WebhookDeliveryState.Delivered, 3, 200), (delivery.State, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public async Task Enqueue_FailingAttempt_ShowsPendingWithErrorAndNextAttempt()
    {
        var release = false;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Volatile.Read(ref release) ? 200 : 500);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();

        await webhook.EnqueueAsync(e);

        var status = await WaitForStatusAsync(webhook, s => s.Deliveries.Length == 1 && s.Deliveries[0].Attempts >= 1);
        var pending = Assert.Single(status.Deliveries);
        Assert.Equal((1, WebhookDeliveryState.Pending, 500), (status.Pending, pending.State, pending.LastStatusCode));
        Assert.Contains("500", pending.LastError, StringComparison.Ordinal);
        Assert.NotNull(pending.NextAttemptAt);
        Volatile.Write(ref release, true);
        await WaitForStatusAsync(webhook, s => s.Pending == 0);
    }

    [Fact]
    public async Task Enqueue_SameEventIdTwice_DeliversOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();

        await webhook.EnqueueAsync(e);
        await webhook.EnqueueAsync(e);
        await WaitForStatusAsync(webhook, s => s.Pending == 0);
        await webhook.EnqueueAsync(e with { Summary = "Sent again after delivery." });
        var other = NewEvent();
        await webhook.EnqueueAsync(other);

        // The second event arriving proves the queue ran past any repeat of the first.
        var received = await receiver.WaitForAsync(r => r.Any(x => x.Header("X-Crm-Delivery") == other.EventId));
        await Task.Delay(500);
        Assert.Equal([e.EventId, other.EventId], receiver.Received.Select(r => r.Header("X-Crm-Delivery")));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task Enqueue_NoWebhookConfigured_IsNoOp()
    {
        var (_, webhook) = NewWebhook();

        await webhook.EnqueueAsync(NewEvent());

        var status = await webhook.GetStatusAsync();
        Assert.Equal((null, null, 0), (status.Url, status.SecretHint, status.Pending));
        Assert.Empty(status.Deliveries);
    }

    [Fact]
    public async Task Configure_Removed_DropsPendingAndIgnoresLaterEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        await webhook.EnqueueAsync(NewEvent());
        await receiver.WaitForAsync(r => r.Count >= 1);

        var removed = await webhook.ConfigureAsync(null, "admin-1");
        await webhook.EnqueueAsync(NewEvent());

        Assert.Equal((null, null), (removed.Url, removed.Secret));
        var status = await webhook.GetStatusAsync();
        Assert.Equal((null, 0), (status.Url, status.Pending));
        var count = receiver.Received.Count;
        await Task.Delay(1000);
        Assert.Equal(count, receiver.Received.Count);
    }

    [Theory]
    [InlineData("http://example.com/hooks")]
    [InlineData("ftp://example.com/hooks")]
    [InlineData("/hooks/crm")]
    [InlineData("not a url")]
    [InlineData("https://user:secret@example.com/hooks")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task Configure_InvalidUrl_ThrowsNamingUrlAndKeepsSettings(string url)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, webhook) = NewWebhook();
        var before = await webhook.ConfigureAsync(receiver.Url, "admin-1");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => webhook.ConfigureAsync(url, "admin-2"));

        Assert.Equal("url", Assert.Single(ex.Errors).Field);
        var status = await webhook.GetStatusAsync();
        Assert.Equal((receiver.Url, before.SecretHint, "admin-1"), (status.Url, status.SecretHint, status.ChangedBy));
    }

    [Fact]
    public async Task Configure_UrlTooLong_ThrowsNamingUrl()
    {
        var (_, webhook) = NewWebhook();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => webhook.ConfigureAsync("https://example.com/" + new string('a', 2000), "admin-1"));

        Assert.Equal("url", Assert.Single(ex.Errors).Field);
        Assert.Null((await webhook.GetStatusAsync()).Url);
    }

    [Fact]
    public async Task Enqueue_ReceiverAlwaysFails_FailsPermanentlyAfterTheSchedule()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 500);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();

        await webhook.EnqueueAsync(e);

        var status = await WaitForStatusAsync(webhook, s => s.Pending == 0, TimeSpan.FromSeconds(30));
        var delivery = Assert.Single(status.Deliveries);
        var attempts = ClusterFixture.WebhookRetrySchedule.Count + 1;
        Assert.Equal((WebhookDeliveryState.FailedPermanently, attempts, 500), (delivery.State, delivery.Attempts, delivery.LastStatusCode));
        await Task.Delay(500);
        Assert.Equal(attempts, receiver.Received.Count);
    }

    [Fact]
    public async Task Enqueue_ReceiverAnswersGone_FailsAtOnceAndOthersStillGo()
    {
        var first = NewEvent();
        await using var receiver = await WebhookReceiver.StartAsync(n => n == 1 ? 410 : 200);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");

        await webhook.EnqueueAsync(first);
        await WaitForStatusAsync(webhook, s => s.Pending == 0);
        var second = NewEvent("case.escalated");
        await webhook.EnqueueAsync(second);

        var status = await WaitForStatusAsync(webhook, s => s.Pending == 0 && s.Deliveries.Length == 2);
        Assert.Equal(
            [(second.EventId, WebhookDeliveryState.Delivered, 1), (first.EventId, WebhookDeliveryState.FailedPermanently, 1)],
            status.Deliveries.Select(d => (d.EventId, d.State, d.Attempts)));
        Assert.NotNull(status.Url);
    }

    [Fact]
    public async Task RotateSecret_NextDeliveryIsSignedWithTheNewSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, webhook) = NewWebhook();
        var old = await webhook.ConfigureAsync(receiver.Url, "admin-1");

        var rotated = await webhook.RotateSecretAsync("admin-2");
        await webhook.EnqueueAsync(NewEvent());

        Assert.NotEqual(old.Secret, rotated.Secret);
        Assert.Equal(receiver.Url, rotated.Url);
        var request = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1));
        var timestamp = request.Header("X-Crm-Timestamp");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(rotated.Secret!), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        Assert.Equal(expected, request.Header("X-Crm-Signature"));
    }

    [Fact]
    public async Task Enqueue_OutboxFull_DropsTheOldestAndCountsThem()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => 503);
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");
        // About 60 KB each: the outbox keeps 512 KB, so 8 of 10 fit.
        var events = Enumerable.Range(0, 10).Select(_ => NewEvent() with { Summary = new string('s', 60_000) }).ToList();

        foreach (var e in events)
        {
            await webhook.EnqueueAsync(e);
        }

        var status = await webhook.GetStatusAsync();
        Assert.Equal((8, 2L), (status.Pending, status.Dropped));
        Assert.Equal(events.Skip(2).Select(e => e.EventId), status.Deliveries.Where(d => d.State == WebhookDeliveryState.Pending).Select(d => d.EventId));
        await webhook.ConfigureAsync(null, "admin-1");
    }

    [Fact]
    public async Task Enqueue_OversizedEvent_IsRefused()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, webhook) = NewWebhook();
        await webhook.ConfigureAsync(receiver.Url, "admin-1");

        await Assert.ThrowsAsync<ValidationFailedException>(() => webhook.EnqueueAsync(NewEvent() with { Summary = new string('s', 70_000) }));

        Assert.Equal(0, (await webhook.GetStatusAsync()).Pending);
    }

    [Fact]
    public async Task RotateSecret_NoWebhook_IsNotFound()
    {
        var (_, webhook) = NewWebhook();

        await Assert.ThrowsAsync<NotFoundException>(() => webhook.RotateSecretAsync("admin-1"));
    }

    [Fact]
    public async Task PendingRetry_SurvivesClusterRestart_DeliveredByTheReminderWithSameEventId()
    {
        var release = false;
        await using var receiver = await WebhookReceiver.StartAsync(_ => Volatile.Read(ref release) ? 200 : 503);
        var tenant = CustomerBuilder.NewTenant();
        await fixture.Client.GetGrain<IWebhookGrain>(tenant).ConfigureAsync(receiver.Url, "admin-1");
        var e = NewEvent();
        await fixture.Client.GetGrain<IWebhookGrain>(tenant).EnqueueAsync(e);
        await receiver.WaitForAsync(r => r.Count >= 1);

        await fixture.RestartClusterAsync();
        var restarted = DateTimeOffset.UtcNow;
        Volatile.Write(ref release, true);

        // Nothing calls the grain: only its reminder can bring it back to deliver.
        var received = await receiver.WaitForAsync(r => r.Any(x => x.AnsweredStatus == 200), TimeSpan.FromSeconds(30));
        var delivered = received.Single(r => r.AnsweredStatus == 200);
        Assert.True(delivered.At >= restarted, "the successful attempt came after the restart");
        Assert.All(received, r => Assert.Equal(e.EventId, r.Header("X-Crm-Delivery")));
        var status = await WaitForStatusAsync(fixture.Client.GetGrain<IWebhookGrain>(tenant), s => s.Pending == 0);
        Assert.Equal((WebhookDeliveryState.Delivered, received.Count), (status.Deliveries[0].State, status.Deliveries[0].Attempts));
    }

    private static async Task<WebhookStatus> WaitForStatusAsync(IWebhookGrain webhook, Func<WebhookStatus, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await webhook.GetStatusAsync();
            if (condition(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Webhook status never matched: {status.Pending} pending, deliveries {string.Join(", ", status.Deliveries)}.");
            }

            await Task.Delay(50);
        }
    }
}
