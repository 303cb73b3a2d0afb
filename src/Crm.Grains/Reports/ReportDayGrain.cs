using Crm.Contracts.Reports;
using System.Collections.Immutable;
using Crm.Domain.Reports;

namespace Crm.Grains.Reports;

/// <summary>
/// One tenant's day. Not an <c>IPersistentState</c>: deduplication needs the fact's key written in the same atomic
/// write as the count, and a day can see hundreds of thousands of keys, which do not belong in one state blob. The
/// store keeps both in the day's partition; the grain keeps the aggregate in memory.
/// </summary>
public sealed class ReportDayGrain(IReportDayStore store) : Grain, IReportDayGrain
{
    private ReportAggregate _aggregate = ReportAggregate.Empty;
    private string? _etag;

    private (string TenantId, DateOnly Day) Key => ReportKeys.ParseDay(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenantId, day) = Key;
        (_aggregate, _etag) = await store.ReadAsync(tenantId, day, cancellationToken);
    }

    private async Task ReloadAsync()
    {
        var (tenantId, day) = Key;
        try
        {
            (_aggregate, _etag) = await store.ReadAsync(tenantId, day);
        }
        catch (Exception)
        {
            DeactivateOnIdle();
        }
    }

    public Task<bool> RecordCaseAsync(CaseFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return AddAsync(fact.Key, a => a.Add(fact), SlaBreach.From(fact));
    }

    public Task<bool> RecordSurveyAsync(SurveyFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return AddAsync(fact.Key, a => a.Add(fact));
    }

    public Task<ReportAggregate> GetAsync() => Task.FromResult(_aggregate);

    public async Task<ImmutableArray<SlaBreach>> GetBreachesAsync()
    {
        var (tenantId, day) = Key;
        return [.. await store.ReadBreachesAsync(tenantId, day)];
    }

    private async Task<bool> AddAsync(string factKey, Func<ReportAggregate, ReportAggregate> add, SlaBreach? breach = null)
    {
        var (tenantId, day) = Key;
        var next = add(_aggregate);
        string? etag;
        try
        {
            etag = await store.TryAddAsync(tenantId, day, factKey, next, _etag, breach);
        }
        catch (Exception)
        {
            // The outcome is unknown (a lost answer can hide a success; another activation may have written): hold
            // what is stored, so the sender's retry is counted, or recognised as counted, against it.
            await ReloadAsync();
            throw;
        }

        if (etag is null)
        {
            return false;
        }

        (_aggregate, _etag) = (next, etag);
        return true;
    }
}
