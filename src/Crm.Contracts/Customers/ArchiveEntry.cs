namespace Crm.Contracts.Customers;

/// <summary>
/// What kind of interaction an archive entry records. Later areas (cases, replies, surveys) add their kinds;
/// values are stored, so never renumber.
/// </summary>
public enum ArchiveEntryKind
{
    CustomerCreated = 0,
    ProfileUpdated = 1,
    Note = 2,

    /// <summary>The customer's personal data was erased on request; earlier entries keep kind and time but lose their text.</summary>
    PersonalDataErased = 3,
    Inquiry = 10,
    Complaint = 11,
    AfterSales = 12,
    Reply = 13,
    CaseStateChanged = 14,
    Survey = 20,
}

/// <summary>
/// One entry of a customer's service archive: an append-only event with a per-customer sequence number.
/// Report aggregates and scoring consume these as events.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customers.archive-entry")]
public sealed record ArchiveEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ArchiveEntryKind Kind,
    [property: Id(3)] string Summary,
    [property: Id(4)] string Actor,
    [property: Id(5)] string? ReferenceId = null,
    [property: Id(6)] string? Detail = null);

/// <summary>An entry to append; the customer grain assigns sequence and time.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.new-archive-entry")]
public sealed record NewArchiveEntry(
    [property: Id(0)] ArchiveEntryKind Kind,
    [property: Id(1)] string Summary,
    [property: Id(2)] string? ReferenceId = null,
    [property: Id(3)] string? Detail = null);

/// <summary>A page of the archive, newest first; pass <see cref="ContinuationToken"/> back for the next (older) page.</summary>
[GenerateSerializer, Immutable, Alias("crm.customers.archive-page")]
public sealed record ArchivePage(
    [property: Id(0)] ImmutableArray<ArchiveEntry> Entries,
    [property: Id(1)] string? ContinuationToken);

/// <summary>
/// A survey event for the archive (an invitation or a response), named by <see cref="EventId"/> so a repeated
/// delivery is recorded once.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customers.survey-archive-item")]
public sealed record SurveyArchiveItem(
    [property: Id(0)] string EventId,
    [property: Id(1)] NewArchiveEntry Entry);
