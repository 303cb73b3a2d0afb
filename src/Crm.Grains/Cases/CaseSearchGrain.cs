using Crm.Contracts.Cases;
using Crm.Domain.Search;
using Crm.Grains.Search;
using Orleans.Concurrency;

namespace Crm.Grains.Cases;

/// <summary>
/// Case search over the protected gram index, keyed by tenant id: an order reference typed whole or by its start
/// ranks first, then subjects by the share of the query's grams matched. The page's cases are read and checked again
/// (order reference, subject), so a stale row never shows a case that no longer matches, nor an erased subject.
/// </summary>
[StatelessWorker]
public sealed class CaseSearchGrain(ISearchIndexStore index) : Grain, ICaseSearchGrain
{
    public async Task<CaseSearchPage> SearchAsync(string query, int pageSize, string? continuationToken)
    {
        var tenantId = this.GetPrimaryKeyString();
        var (grams, offset) = SearchQueries.Validate(tenantId, query, pageSize, continuationToken);
        var order = SearchGrams.OrderQuery(query);
        var read = await index.FindAsync(tenantId, SearchIndexKind.CaseText, order is null ? grams : [order, .. grams], SearchQueries.MaxPerGram);
        var byOrder = order is null ? [] : read[0].ToHashSet(StringComparer.Ordinal);
        var subjectIds = order is null ? read : read.Skip(1).ToList();
        var bySubject = SearchRanking.Candidates([.. subjectIds.Select(ids => (IReadOnlyCollection<string>)ids)], SearchQueries.MaxPerGram)
            .Where(c => !byOrder.Contains(c.Id));
        var ranked = SearchRanking.Rank(byOrder.Select(id => (id, 2.0)).Concat(bySubject));
        var page = ranked.Skip(offset).Take(pageSize).ToList();
        var views = await Task.WhenAll(page.Select(c => GrainFactory.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, c.Id)).GetAsync()));
        var hits = new List<CaseSearchHit>();
        foreach (var view in views)
        {
            if (view is null)
            {
                continue;
            }

            var orderMatch = order is not null && SearchGrams.ForOrderReference(view.OrderReference).Contains(order);
            var subjectScore = view.ErasedAt is null ? SearchGrams.Score(grams, SearchGrams.ForIndex(view.Subject)) : 0;
            if (orderMatch || subjectScore >= SearchRanking.MinScore)
            {
                hits.Add(new CaseSearchHit(view.CaseId, view.CustomerId, view.Subject, view.OrderReference, view.Status, view.OpenedAt,
                    orderMatch, orderMatch ? 100 : SearchRanking.Percent(subjectScore)));
            }
        }

        return new CaseSearchPage([.. hits.OrderByDescending(h => h.ByOrderReference).ThenByDescending(h => h.Score)], SearchRanking.Next(offset + page.Count, ranked.Count));
    }
}
