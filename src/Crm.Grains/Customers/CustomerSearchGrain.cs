using Crm.Contracts.Customers;
using Crm.Domain.Search;
using Crm.Grains.Search;
using Orleans.Concurrency;

namespace Crm.Grains.Customers;

/// <summary>
/// Name search over the protected gram index, keyed by tenant id. The index ranks candidates; the page's customers
/// are then read and scored again on their real name, so a stale row never shows a customer whose name no longer
/// matches, and an erased customer (no name, no rows) is never found.
/// </summary>
[StatelessWorker]
public sealed class CustomerSearchGrain(ISearchIndexStore index) : Grain, ICustomerSearchGrain
{
    public async Task<CustomerSearchPage> SearchAsync(string query, int pageSize, string? continuationToken)
    {
        var tenantId = this.GetPrimaryKeyString();
        var (grams, offset) = SearchQueries.Validate(tenantId, query, pageSize, continuationToken);
        var idsPerGram = await index.FindAsync(tenantId, SearchIndexKind.CustomerName, grams, SearchQueries.MaxPerGram);
        var ranked = SearchRanking.Rank(SearchRanking.Candidates([.. idsPerGram.Select(ids => (IReadOnlyCollection<string>)ids)], SearchQueries.MaxPerGram));
        var page = ranked.Skip(offset).Take(pageSize).ToList();
        var views = await Task.WhenAll(page.Select(c => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, c.Id)).GetAsync()));
        var hits = views
            .Where(v => v is not null && v.ErasedAt is null)
            .Select(v => (View: v!, Score: SearchGrams.Score(grams, SearchGrams.ForIndex(v!.Profile.DisplayName))))
            .Where(h => h.Score >= SearchRanking.MinScore)
            .OrderByDescending(h => h.Score)
            .ThenBy(h => TypoDistance.Between(query, h.View.Profile.DisplayName))
            .Select(h => new CustomerSearchHit(ProfileMapping.ToSummary(h.View), SearchRanking.Percent(h.Score)));
        return new CustomerSearchPage([.. hits], SearchRanking.Next(offset + page.Count, ranked.Count));
    }
}
