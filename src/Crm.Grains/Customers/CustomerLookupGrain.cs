using Crm.Contracts.Access;
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

        return await FindInFormsAsync(tenantId, kind, value, kind == ContactChannelKind.Phone ? await PhoneRegionAsync(tenantId) : null);
    }

    private Task<string> PhoneRegionAsync(string tenantId) => GrainFactory.GetGrain<ITenantGrain>(tenantId).GetPhoneRegionAsync();

    private async Task<ImmutableArray<CustomerSummary>> FindInFormsAsync(string tenantId, ContactChannelKind kind, string value, string? region)
    {
        // A phone is looked up in each form it may be stored in (E.164; as typed before the tenant had a region).
        var forms = Normalize(kind, value, region);
        var found = new List<CustomerSummary>();
        foreach (var form in forms)
        {
            var ids = await lookup.FindAsync(tenantId, new ContactChannel(kind, form), MaxCandidates);
            var views = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ICustomerGrain>(CustomerKey.Format(tenantId, id)).GetAsync()));
            found.AddRange(views
                .Where(v => v is not null && v.Profile.Channels.Any(c => c.Kind == kind && c.Value == form) && found.All(f => f.CustomerId != v.CustomerId))
                .Select(v => ProfileMapping.ToSummary(v!)));
        }

        return [.. found];
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

        var tenantId = this.GetPrimaryKeyString();
        // Read once per batch, not once per row: an import's batch is hundreds of phone lookups of one tenant.
        var region = Identifiers.IsTenantId(tenantId) && queries.Any(q => q.Kind == ContactChannelKind.Phone)
            ? await PhoneRegionAsync(tenantId)
            : null;
        var results = new LookupResult[queries.Length];
        // Independent reads of the index and of customers' grains, a bounded number at a time (I/O, not threads).
        foreach (var chunk in Enumerable.Range(0, queries.Length).Chunk(ManyInFlight))
        {
            await Task.WhenAll(chunk.Select(async i =>
            {
                try
                {
                    var q = queries[i];
                    results[i] = new LookupResult(q.Kind switch
                    {
                        ContactChannelKind.Phone when region is not null => await FindInFormsAsync(tenantId, ContactChannelKind.Phone, q.Value, region),
                        { } kind => await FindAsync(kind, q.Value),
                        null => await FindByPlatformIdAsync(q.Value),
                    });
                }
                catch (ValidationFailedException ex)
                {
                    results[i] = new LookupResult([], string.Join(" ", ex.Errors.Select(e => e.Message)));
                }
            }));
        }

        return [.. results];
    }

    private static IReadOnlyList<string> Normalize(ContactChannelKind kind, string value, string? region)
    {
        if (kind is not (ContactChannelKind.Email or ContactChannelKind.Phone))
        {
            throw new ValidationFailedException([new FieldError("kind", "Only email and phone can be looked up.")]);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationFailedException([new FieldError("value", "A value is required.")]);
        }

        IReadOnlyList<string> forms = value.Length > ProfileRules.MaxChannelValueLength
            ? []
            : kind == ContactChannelKind.Email
                ? ProfileRules.NormalizeEmail(value) is { } email ? [email] : []
                : ProfileRules.PhoneLookupForms(value, region);
        return forms.Count > 0 ? forms : throw new ValidationFailedException([new FieldError("value", kind == ContactChannelKind.Email
            ? "Not a valid email address."
            : "A phone number has 5 to 15 digits, optionally with a leading '+', spaces, dashes, dots or parentheses.")]);
    }
}
