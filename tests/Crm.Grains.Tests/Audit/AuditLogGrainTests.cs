using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Crm.Contracts;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Grains.Tests.Customers;

namespace Crm.Grains.Tests.Audit;

[Collection(ClusterCollection.Name)]
public sealed class AuditLogGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Record_ThenList_ReadsBackNewestFirst()
    {
        var tenant = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);

        await log.RecordAsync(new AuditRecord(tenant, "agent-1", AuditAction.Read, AuditTargetType.Customer, "c-1", "profile viewed"));
        await log.RecordAsync(new AuditRecord(tenant, "agent-2", AuditAction.Update, AuditTargetType.Case, "case-7", null));

        var page = await log.ListAsync(10, null);
        Assert.Null(page.ContinuationToken);
        Assert.Collection(
            page.Entries,
            e => Assert.Equal((tenant, "agent-2", AuditAction.Update, AuditTargetType.Case, "case-7", (string?)null), (e.TenantId, e.Actor, e.Action, e.TargetType, e.TargetId, e.Detail)),
            e => Assert.Equal((tenant, "agent-1", AuditAction.Read, AuditTargetType.Customer, "c-1", (string?)"profile viewed"), (e.TenantId, e.Actor, e.Action, e.TargetType, e.TargetId, e.Detail)));
        Assert.True(page.Entries[0].At >= page.Entries[1].At);
        Assert.NotEqual(page.Entries[0].Id, page.Entries[1].Id);
    }

    [Fact]
    public async Task List_ManyPages_HasNoGapsOrRepeats()
    {
        var tenant = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);
        const int count = 23;
        for (var i = 0; i < count; i++)
        {
            await log.RecordAsync(new AuditRecord(tenant, "agent-1", AuditAction.Read, AuditTargetType.Customer, $"c-{i}", null));
        }

        var read = new List<AuditEntry>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await log.ListAsync(5, token);
            read.AddRange(page.Entries);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(5, pages);
        Assert.Equal(Enumerable.Range(0, count).Reverse().Select(i => $"c-{i}"), read.Select(e => e.TargetId));
        Assert.Equal(count, read.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task ListForTarget_ShowsOnlyThatTarget()
    {
        var tenant = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);
        await log.RecordAsync(new AuditRecord(tenant, "a", AuditAction.Read, AuditTargetType.Customer, "c-1", "first"));
        await log.RecordAsync(new AuditRecord(tenant, "a", AuditAction.Read, AuditTargetType.Customer, "c-2", null));
        await log.RecordAsync(new AuditRecord(tenant, "a", AuditAction.Read, AuditTargetType.Case, "c-1", null));
        await log.RecordAsync(new AuditRecord(tenant, "a", AuditAction.Update, AuditTargetType.Customer, "c-1", "second"));

        var first = await log.ListForTargetAsync(AuditTargetType.Customer, "c-1", 1, null);
        var second = await log.ListForTargetAsync(AuditTargetType.Customer, "c-1", 1, first.ContinuationToken);
        var third = await log.ListForTargetAsync(AuditTargetType.Customer, "c-1", 1, second.ContinuationToken);

        Assert.Equal(["second", "first"], first.Entries.Concat(second.Entries).Concat(third.Entries).Select(e => e.Detail));
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task List_OneTenant_NeverShowsAnothers()
    {
        var tenant = CustomerBuilder.NewTenant();
        var other = CustomerBuilder.NewTenant();
        await fixture.Client.GetGrain<IAuditLogGrain>(tenant).RecordAsync(new AuditRecord(tenant, "a", AuditAction.Read, AuditTargetType.Customer, "c-1", null));
        await fixture.Client.GetGrain<IAuditLogGrain>(other).RecordAsync(new AuditRecord(other, "b", AuditAction.Read, AuditTargetType.Customer, "c-1", null));

        var mine = await fixture.Client.GetGrain<IAuditLogGrain>(tenant).ListAsync(100, null);
        var mineForTarget = await fixture.Client.GetGrain<IAuditLogGrain>(tenant).ListForTargetAsync(AuditTargetType.Customer, "c-1", 100, null);

        Assert.Equal("a", Assert.Single(mine.Entries).Actor);
        Assert.Equal("a", Assert.Single(mineForTarget.Entries).Actor);
    }

    [Fact]
    public async Task List_TokenFromAnotherTenant_IsRefused()
    {
        var tenant = CustomerBuilder.NewTenant();
        var other = CustomerBuilder.NewTenant();
        var otherLog = fixture.Client.GetGrain<IAuditLogGrain>(other);
        await otherLog.RecordAsync(new AuditRecord(other, "b", AuditAction.Read, AuditTargetType.Customer, "c-1", null));
        await otherLog.RecordAsync(new AuditRecord(other, "b", AuditAction.Read, AuditTargetType.Customer, "c-2", null));
        var token = (await otherLog.ListAsync(1, null)).ContinuationToken;
        Assert.NotNull(token);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.Client.GetGrain<IAuditLogGrain>(tenant).ListAsync(1, token));

        Assert.Equal("continuationToken", Assert.Single(error.Errors).Field);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{tenant}:202613:9223372036854775807-0000000000000000")]
    [InlineData("{tenant}:202611:12345-0000000000000000")]
    [InlineData("{tenant}:202001:8584000000000000000-00000000000000zz")]
    [InlineData("{tenant}:202001:8584000000000000000-0000000000000000")]
    public async Task List_ForgedToken_IsRefused(string forged)
    {
        var tenant = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => log.ListAsync(10, forged.Replace("{tenant}", tenant)));
        var targetError = await Assert.ThrowsAsync<ValidationFailedException>(() => log.ListForTargetAsync(AuditTargetType.Customer, "c-1", 10, forged.Replace("{tenant}", tenant)));

        Assert.Equal("continuationToken", Assert.Single(error.Errors).Field);
        Assert.Equal("continuationToken", Assert.Single(targetError.Errors).Field);
    }

    [Fact]
    public async Task Record_ForAnotherTenant_IsRefusedAndNothingIsStored()
    {
        var tenant = CustomerBuilder.NewTenant();
        var other = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => log.RecordAsync(new AuditRecord(other, "a", AuditAction.Read, AuditTargetType.Customer, "c-1", null)));

        Assert.Equal("tenantId", Assert.Single(error.Errors).Field);
        Assert.Empty((await log.ListAsync(10, null)).Entries);
        Assert.Empty((await fixture.Client.GetGrain<IAuditLogGrain>(other).ListAsync(10, null)).Entries);
    }

    [Fact]
    public async Task Record_BadFields_AreAllNamedAndNothingIsStored()
    {
        var tenant = CustomerBuilder.NewTenant();
        var log = fixture.Client.GetGrain<IAuditLogGrain>(tenant);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => log.RecordAsync(new AuditRecord(tenant, " ", (AuditAction)99, (AuditTargetType)99, "a/b", new string('x', 501))));

        Assert.Equal(["actor", "action", "targetType", "targetId", "detail"], error.Errors.Select(e => e.Field));
        Assert.Empty((await log.ListAsync(10, null)).Entries);
    }

    [Theory]
    [InlineData("Not-A-Tenant")]
    [InlineData("_other")]
    public async Task Record_LogKeyIsNotATenant_IsRefused(string key)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => fixture.Client.GetGrain<IAuditLogGrain>(key).RecordAsync(new AuditRecord(key, "a", AuditAction.Read, AuditTargetType.Customer, "c-1", null)));

        Assert.Equal("tenantId", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Record_PlatformLog_AcceptsTenantlessEvents()
    {
        var log = fixture.Client.GetGrain<IAuditLogGrain>(AuditTenant.Platform);
        var user = "u-" + Guid.NewGuid().ToString("N");

        await log.RecordAsync(new AuditRecord(AuditTenant.Platform, "operator-1", AuditAction.SignIn, AuditTargetType.User, user, null));

        var entry = Assert.Single((await log.ListForTargetAsync(AuditTargetType.User, user, 10, null)).Entries);
        Assert.Equal((AuditTenant.Platform, AuditAction.SignIn), (entry.TenantId, entry.Action));
    }

    [Fact]
    public async Task Record_CountsByAction()
    {
        var seen = new ConcurrentBag<(string Instrument, string? Action)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CrmTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "action")
                {
                    seen.Add((instrument.Name, tag.Value as string));
                }
            }
        });
        listener.Start();
        var tenant = CustomerBuilder.NewTenant();

        await fixture.Client.GetGrain<IAuditLogGrain>(tenant).RecordAsync(new AuditRecord(tenant, "a", AuditAction.Export, AuditTargetType.Report, "r-1", null));

        Assert.Contains(("crm.audit.records", (string?)"Export"), seen);
    }
}
