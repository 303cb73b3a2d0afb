using Crm.Contracts.Customers;
using Crm.Domain.Customers;
using Orleans.Concurrency;

namespace Crm.Grains.Customers;

/// <summary>
/// Exact-match lookup over encrypted contact values, keyed by tenant id. The index only yields candidates: each is
/// confirmed by its customer grain, so a stale row never returns a customer who no longer has the value.
/// </summary>
[StatelessWorker]
public sealed class CustomerLookupGrain(ICustomerLookupStore lookup) : Grain, ICustomerLookupGrain
{
    /// <summary>More customers sharing one email or phone than this is not a lookup any agent can use.</summary>
    public const int MaxCandidates = 20;

    public async Task<ImmutableArray<CustomerSummary>> FindAsync(ContactChannelKind kind, string value)
    {
        var tenantId = this.GetPrimaryKeyString();
        if (!Identifiers.IsTenantId(tenantId))
        {
            throw new ValidationFailedException([new FieldError("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'.")]);
        }

        var normalized = Normalize(kind, value);
        var channel = new ContactChannel(kind, normalized);
        var ids = await lookup.FindAsync(tenantId, channel, MaxCandidates);
        var views = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, id)).GetAsync()));
        return [.. views
            .Where(v => v is not null && v.Profile.Channels.Any(c => c.Kind == kind && c.Value == normalized))
            .Select(v => ProfileMapping.ToSummary(v!))];
    }

    public async Task<ImmutableArray<CustomerSummary>> FindByPlatformIdAsync(string platformId)
    {
        var tenantId = this.GetPrimaryKeyString();
        if (!Identifiers.IsTenantId(tenantId))
        {
            throw new ValidationFailedException([new FieldError("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'.")]);
        }

        var value = platformId?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > ProfileRules.MaxExternalRefLength)
        {
            throw new ValidationFailedException([new FieldError("platformId", $"1 to {ProfileRules.MaxExternalRefLength} characters.")]);
        }

        var ids = await lookup.FindPlatformIdAsync(tenantId, value, MaxCandidates);
        var views = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, id)).GetAsync()));
        return [.. views.Where(v => v is not null && v.Profile.ExternalRef == value).Select(v => ProfileMapping.ToSummary(v!))];
    }

    /// <summary>Lookups of one call in flight at once against the table; more only queue in the storage.</summary>
    public const int ManyInFlight = 32;

    public async Task<ImmutableArray<LookupResult>> FindManyAsync(ImmutableArray<LookupQuery> queries)
    {
        if (queries.IsDefaultOrEmpty)
        {
            return [];
        }

        var results = new LookupResult[queries.Length];
        // Independent reads of the index and of customers' grains, a bounded number at a time (I/O, not threads).
        foreach (var chunk in Enumerable.Range(0, queries.Length).Chunk(ManyInFlight))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                try
                {
                    var q = queries[i];
                    results[i] = new LookupResult(q.Kind is { } kind ? await FindAsync(kind, q.Value) : await FindByPlatformIdAsync(q.Value));
                }
                catch (ValidationFailedException ex)
                {
                    results[i] = new LookupResult([], string.Join(" ", ex.Errors.Select(e => e.Message)));
                }
            }));
        }

        return [.. results];
    }

    private static string Normalize(ContactChannelKind kind, string value)
    {
        if (kind is not (ContactChannelKind.Email or ContactChannelKind.Phone))
        {
            throw new ValidationFailedException([new FieldError("kind", "Only email and phone can be looked up.")]);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException([new FieldError("value", "A value is required.")]);
        }

        var normalized = value.Length > ProfileRules.MaxChannelValueLength
            ? null
            : kind == ContactChannelKind.Email ? ProfileRules.NormalizeEmail(value) : ProfileRules.NormalizePhone(value);
        return normalized ?? throw new ValidationFailedException([new FieldError("value", kind == ContactChannelKind.Email
            ? "Not a valid email address."
            : "A phone number has 5 to 15 digits, optionally with a leading '+', spaces, dashes, dots or parentheses.")]);
    }
}
