using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Crm.Contracts;
using Crm.Contracts.Customers;

namespace Crm.Grains.Tests.Customers;

[Collection(ClusterCollection.Name)]
public sealed class CustomerMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task CreateAndNote_RecordOurCountersByKind()
    {
        var seen = new ConcurrentBag<(string Instrument, string? Kind)>();
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
            string? kind = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                {
                    kind = tag.Value as string;
                }
            }

            seen.Add((instrument.Name, kind));
        });
        listener.Start();
        var key = CustomerBuilder.NewKey();

        await fixture.Client.GetGrain<ICustomerGrain>(key).CreateAsync(CustomerBuilder.Profile(), "agent-1");
        await fixture.Client.GetGrain<ICustomerGrain>(key).AppendArchiveAsync(new NewArchiveEntry(ArchiveEntryKind.Note, "hello"), "agent-1");

        Assert.Contains(("crm.customers.created", (string?)null), seen);
        Assert.Contains(("crm.archive.entries", (string?)"CustomerCreated"), seen);
        Assert.Contains(("crm.archive.entries", (string?)"Note"), seen);
    }
}
