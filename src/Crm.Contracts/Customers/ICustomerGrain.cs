namespace Crm.Contracts.Customers;

/// <summary>
/// One customer of one tenant, keyed by <see cref="CustomerKey"/>. Holds the profile and the head of the
/// service archive; the archive itself lives in its own table rows so the grain's state stays small.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>Creates the customer; a second create of the same key is a conflict.</summary>
    Task<CustomerView> CreateAsync(CustomerProfile profile, string actor);

    /// <summary>Replaces the profile. With <paramref name="expectedVersion"/>, a stale version is a conflict.</summary>
    Task<CustomerView> UpdateProfileAsync(CustomerProfile profile, long? expectedVersion, string actor);

    /// <summary>The customer, or null when it does not exist.</summary>
    Task<CustomerView?> GetAsync();

    /// <summary>Appends an interaction to the service archive (notes now; cases and surveys later).</summary>
    Task<ArchiveEntry> AppendArchiveAsync(NewArchiveEntry entry, string actor);

    /// <summary>
    /// Appends one event of a case to the archive, once: a case delivers its events in sequence order and may
    /// repeat one after a failure, so a sequence at or below the last one seen from that case changes nothing.
    /// After erasure the event is dropped (the case history keeps it), so a case never blocks on an erased customer.
    /// </summary>
    Task AppendCaseEventAsync(string caseId, long caseSequence, NewArchiveEntry entry, string actor);

    /// <summary>
    /// Appends survey invitations and responses to the archive, each once by its event id (a repeated delivery
    /// changes nothing); dropped after erasure, like case events.
    /// </summary>
    Task AppendSurveyEventsAsync(ImmutableArray<SurveyArchiveItem> items, string actor);

    /// <summary>The ids of the cases opened for this customer (every case that wrote into the archive), in no order.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<ImmutableArray<string>> ListCaseIdsAsync();

    /// <summary>
    /// Writes the customer's directory, lookup and name-search rows for the current profile again (idempotent), so a
    /// customer stored before an index existed becomes findable; the backfill calls it page by page.
    /// </summary>
    Task ReindexAsync();

    /// <summary>Reads the archive newest first.</summary>
    Task<ArchivePage> GetArchiveAsync(int pageSize, string? continuationToken);

    /// <summary>
    /// Erases the customer's personal data on request (GDPR, PIPL): name, contact channels, external reference and
    /// the text of every archive entry. Kinds, times and counts stay, so reports stay correct. Idempotent; afterwards
    /// updates and new archive entries are a conflict.
    /// </summary>
    Task<CustomerView> ErasePersonalDataAsync(string actor);
}

/// <summary>One page of a search-index backfill: how many customers were indexed again, and where to go on (null: done).</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.search-backfill-page")]
public sealed record SearchBackfillPage(
    [property: Id(0)] int Indexed,
    [property: Id(1)] string? ContinuationToken);
