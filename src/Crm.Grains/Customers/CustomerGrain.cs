using Crm.Contracts.Access;
using Crm.Contracts.Cases;
using Crm.Contracts.Customers;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Customers;

/// <summary>
/// A customer's profile and the head of its service archive. Archive rows are written before the state that
/// counts them: if the state write fails, the extra row is beyond <see cref="CustomerState.ArchiveCount"/>, never
/// read, and overwritten by the next append, so a failed call leaves nothing half-written.
/// Erasure marks the state first (no personal data from then on), then redacts the archive rows; activation and a
/// timer finish a redaction a crash or an outage interrupted.
/// </summary>
public sealed partial class CustomerGrain(
    [PersistentState("customer", CrmStorage.Name)] IPersistentState<CustomerState> state,
    ICustomerArchiveStore archive,
    ICustomerDirectoryStore directory,
    ICustomerLookupStore lookup,
    Search.ISearchIndexStore search,
    Surveys.ISurveyResponseStore surveyResponses,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    public const int MaxSummaryLength = ProfileRules.MaxNoteSummaryLength;
    public const int MaxDetailLength = ProfileRules.MaxNoteDetailLength;

    /// <summary>How many of the latest survey event ids the state remembers to drop repeats (see CustomerState.SurveyEvents).</summary>
    public const int SurveyEventsKept = 600;
    private const string ErasedName = "Erased customer";
    private const string RedactedSummary = "(erased)";
    private static readonly TimeSpan IndexRetryPeriod = TimeSpan.FromSeconds(5);

    // The version the directory and lookup rows are known to show; persisted lazily through CustomerState.IndexedVersion.
    private long _indexedVersion;

    // Lookup values still to delete; persisted through CustomerState.PendingLookupRemovals on every write.
    private ImmutableArray<ContactChannel> _pendingRemovals = [];
    private IGrainTimer? _indexRetry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _indexedVersion = state.State.IndexedVersion;
        _pendingRemovals = state.State.PendingLookupRemovals.IsDefault ? [] : state.State.PendingLookupRemovals;

        // The last activation may have stopped between the state write and the index write, or during redaction.
        await RepairAsync();
    }

    private (string TenantId, string CustomerId) Key => CustomerKey.Parse(this.GetPrimaryKeyString());

    public async Task<CustomerView> CreateAsync(CustomerProfile profile, string actor)
    {
        var (tenantId, customerId) = Key;
        var problems = new List<FieldError>();
        if (!Identifiers.IsTenantId(tenantId))
        {
            problems.Add(new("tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'."));
        }

        if (!Identifiers.IsEntityId(customerId))
        {
            problems.Add(new("customerId", "A customer id is 1-64 letters, digits, '-' or '_'."));
        }

        var normalized = Validate(profile, await PhoneRegionAsync(tenantId), problems);
        if (state.State.Exists)
        {
            throw new ConflictException($"Customer '{customerId}' already exists in tenant '{tenantId}'.");
        }

        var now = time.GetUtcNow();
        // The summary names no personal data: archive text outlives the profile in reports and exports.
        var entry = new ArchiveEntry(1, now, ArchiveEntryKind.CustomerCreated, "Customer created.", RequireActor(actor));
        await archive.PutAsync(tenantId, customerId, entry);
        await WriteAsync(new CustomerState
        {
            Profile = normalized,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            ArchiveCount = 1,
        });
        await TryIndexAsync();
        CrmMetrics.CustomersCreated.Add(1);
        CountArchive(entry.Kind);
        return View();
    }

    public async Task<CustomerView> UpdateProfileAsync(CustomerProfile profile, long? expectedVersion, string actor)
    {
        var current = RequireExisting();
        RequireNotErased();
        var normalized = Validate(profile, await PhoneRegionAsync(Key.TenantId), []);
        if (expectedVersion is { } expected && expected != state.State.Version)
        {
            throw new PreconditionFailedException(
                $"The customer is at version {state.State.Version}, not {expected}: reload it and apply your change again.");
        }

        var changed = ProfileChanges.Between(current, normalized);
        if (changed.Count == 0)
        {
            return View();
        }

        var (tenantId, customerId) = Key;
        var now = time.GetUtcNow();
        var sequence = state.State.ArchiveCount + 1;
        var entry = new ArchiveEntry(sequence, now, ArchiveEntryKind.ProfileUpdated, "Profile updated: " + string.Join(", ", changed) + ".", RequireActor(actor));
        await archive.PutAsync(tenantId, customerId, entry);
        var kept = ProfileMapping.LookupChannels(normalized.Channels);
        var removals = _pendingRemovals.Union(ProfileMapping.LookupChannels(current.Channels)).Except(kept).ToImmutableArray();
        await WriteAsync(
            state.State with
            {
                Profile = normalized,
                Version = state.State.Version + 1,
                UpdatedAt = now,
                ArchiveCount = sequence,
            },
            removals);
        await TryIndexAsync();
        if (current.ExternalRef is { } oldPlatformId && oldPlatformId != normalized.ExternalRef)
        {
            // Best effort: a row left behind is harmless, as every hit is confirmed against the profile.
            try
            {
                await lookup.RemovePlatformIdAsync(tenantId, customerId, oldPlatformId);
            }
            catch (Exception ex)
            {
                LogIndexFailed(ex, this.GetPrimaryKeyString(), state.State.Version);
            }
        }

        CountArchive(entry.Kind);
        return View();
    }

    public Task<CustomerView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task ReindexAsync()
    {
        RequireExisting();
        await IndexAsync(rewrite: true);
        StopRepairTimerIfDone();
    }

    // A case's first event (its opening) reaches the archive before anything else of it, so its id is here from then on.
    public Task<ImmutableArray<string>> ListCaseIdsAsync() => Task.FromResult<ImmutableArray<string>>([.. state.State.CaseSequences.Keys]);

    public async Task<ArchiveEntry> AppendArchiveAsync(NewArchiveEntry entry, string actor)
    {
        RequireExisting();
        RequireNotErased();
        return await AppendAsync(entry, actor, caseSequence: null);
    }

    public async Task AppendCaseEventAsync(string caseId, long caseSequence, NewArchiveEntry entry, string actor)
    {
        RequireExisting();
        if (state.State.Erased ||
            state.State.CaseSequences.TryGetValue(caseId, out var seen) && seen >= caseSequence)
        {
            return;
        }

        await AppendAsync(entry with { ReferenceId = caseId }, actor, (caseId, caseSequence));
    }

    public async Task AppendSurveyEventsAsync(ImmutableArray<SurveyArchiveItem> items, string actor)
    {
        RequireExisting();
        RequireActor(actor);
        var seen = state.State.SurveyEvents.ToHashSet(StringComparer.Ordinal);
        var fresh = items.Where(i => !seen.Contains(i.EventId)).DistinctBy(i => i.EventId).ToList();
        if (state.State.Erased || fresh.Count == 0)
        {
            return;
        }

        // Rows first, then the state that counts them, as for single entries: a failure leaves only uncounted rows.
        var (tenantId, customerId) = Key;
        var now = time.GetUtcNow();
        var first = state.State.ArchiveCount + 1;
        // Independent rows of one partition: written together, so an import's many entries cost one round trip's wait.
        await Task.WhenAll(fresh.Select((item, i) =>
            archive.PutAsync(tenantId, customerId, new ArchiveEntry(first + i, now, item.Entry.Kind, item.Entry.Summary, actor, item.Entry.ReferenceId, item.Entry.Detail))));
        var sequence = first + fresh.Count - 1;

        await WriteAsync(state.State with
        {
            ArchiveCount = sequence,
            LastInteractionAt = now,
            SurveyEvents = [.. state.State.SurveyEvents.Concat(fresh.Select(i => i.EventId)).TakeLast(SurveyEventsKept)],
        });
        foreach (var item in fresh)
        {
            CountArchive(item.Entry.Kind);
        }
    }

    private async Task<ArchiveEntry> AppendAsync(NewArchiveEntry entry, string actor, (string CaseId, long Sequence)? caseSequence)
    {
        var problems = new List<FieldError>();
        if (!Enum.IsDefined(entry.Kind))
        {
            problems.Add(new("kind", "Unknown archive entry kind."));
        }
        else if (entry.Kind == ArchiveEntryKind.PersonalDataErased)
        {
            // Redaction keeps rows of this kind, so only the erasure itself may write one.
            problems.Add(new("kind", "Only an erasure records this kind."));
        }

        if (string.IsNullOrWhiteSpace(entry.Summary))
        {
            problems.Add(new("summary", "A summary is required."));
        }
        else if (entry.Summary.Length > MaxSummaryLength)
        {
            problems.Add(new("summary", $"At most {MaxSummaryLength} characters."));
        }

        if (entry.Detail is { Length: > MaxDetailLength })
        {
            problems.Add(new("detail", $"At most {MaxDetailLength} characters."));
        }

        if (entry.ReferenceId is not null && !Identifiers.IsEntityId(entry.ReferenceId))
        {
            problems.Add(new("referenceId", "A reference id is 1-64 letters, digits, '-' or '_'."));
        }

        ThrowIfAny(problems);
        var (tenantId, customerId) = Key;
        var now = time.GetUtcNow();
        var stored = new ArchiveEntry(state.State.ArchiveCount + 1, now, entry.Kind, entry.Summary.Trim(), RequireActor(actor), entry.ReferenceId, entry.Detail);
        await archive.PutAsync(tenantId, customerId, stored);
        var sequences = caseSequence is { } c ? state.State.CaseSequences.SetItem(c.CaseId, c.Sequence) : state.State.CaseSequences;
        await WriteAsync(state.State with { ArchiveCount = stored.Sequence, LastInteractionAt = now, CaseSequences = sequences });
        CountArchive(stored.Kind);
        return stored;
    }

    public async Task<ArchivePage> GetArchiveAsync(int pageSize, string? continuationToken)
    {
        RequireExisting();
        if (!Paging.IsValidPageSize(pageSize))
        {
            ThrowIfAny([new("pageSize", $"Between 1 and {Paging.MaxPageSize}.")]);
        }

        if (!ArchiveCursor.TryStart(continuationToken, state.State.ArchiveCount, out var start))
        {
            ThrowIfAny([new("continuationToken", "Not a token this archive issued.")]);
        }

        var (tenantId, customerId) = Key;
        var entries = await archive.ReadAsync(tenantId, customerId, start, pageSize);
        var next = entries.Count == pageSize ? ArchiveCursor.Next(entries[^1].Sequence) : null;
        return new ArchivePage([.. entries], next);
    }

    public async Task<CustomerView> ErasePersonalDataAsync(string actor)
    {
        var current = RequireExisting();
        RequireActor(actor);
        if (!state.State.Erased)
        {
            var (tenantId, customerId) = Key;
            if (current.ExternalRef is { } platformId)
            {
                // Before the erased state is written: afterwards the grain no longer knows which row to delete.
                await lookup.RemovePlatformIdAsync(tenantId, customerId, platformId);
            }

            var now = time.GetUtcNow();
            var sequence = state.State.ArchiveCount + 1;
            var entry = new ArchiveEntry(sequence, now, ArchiveEntryKind.PersonalDataErased, "Personal data erased on request.", actor);
            await archive.PutAsync(tenantId, customerId, entry);

            // Tier, segment, tags and consent describe no one in particular and keep reports by them correct.
            await WriteAsync(
                state.State with
                {
                    Profile = current with { DisplayName = ErasedName, Channels = [], ExternalRef = null },
                    Version = state.State.Version + 1,
                    UpdatedAt = now,
                    ArchiveCount = sequence,
                    ErasedAt = now,
                    ErasurePending = true,
                },
                _pendingRemovals.Union(ProfileMapping.LookupChannels(current.Channels)).ToImmutableArray());
            CountArchive(entry.Kind);
        }

        if (state.State.ErasurePending)
        {
            try
            {
                await CompleteErasureAsync();
            }
            catch
            {
                // The erasure is recorded; the timer finishes the redaction, and the caller may repeat the call.
                StartRepairTimer();
                throw;
            }
        }

        return View();
    }

    /// <summary>
    /// Redacts every archive row and brings the directory and lookup rows up to date, then clears
    /// <see cref="CustomerState.ErasurePending"/>; that write also drops the old values kept for lookup removal, so
    /// an erased state holds none. Safe to repeat.
    /// </summary>
    private async Task CompleteErasureAsync()
    {
        var (tenantId, customerId) = Key;
        await archive.RedactAllAsync(tenantId, customerId, RedactedSummary);
        // The customer's survey comments are their words too; ratings stay, as case kinds and times do.
        await surveyResponses.RedactCommentsAsync(tenantId, customerId);
        // Every case that ever wrote to this archive holds the customer's words too.
        await Task.WhenAll(state.State.CaseSequences.Keys.Select(caseId =>
            grains.GetGrain<ICaseGrain>(CaseKey.Format(tenantId, caseId)).ErasePersonalDataAsync(RequireActor("system"))));
        // Their subjects' search rows go too (an open case's queue notice may have just re-indexed its order reference).
        await Task.WhenAll(state.State.CaseSequences.Keys.Select(caseId =>
            search.SetAsync(tenantId, Search.SearchIndexKind.CaseText, caseId, [])));
        await IndexAsync();
        await WriteAsync(state.State with { ErasurePending = false }, []);
        StopRepairTimerIfDone();
    }

    private void RequireNotErased()
    {
        if (state.State.Erased)
        {
            throw new ConflictException("The customer's personal data was erased; the customer can no longer be changed.");
        }
    }

    private CustomerProfile Validate(CustomerProfile profile, string phoneRegion, List<FieldError> problems)
    {
        if (profile is null)
        {
            ThrowIfAny([.. problems, new FieldError("profile", "A profile is required.")]);
        }

        if (!Enum.IsDefined(profile!.Tier))
        {
            problems.Add(new("tier", "Unknown tier."));
        }

        var (normalized, found) = ProfileRules.Normalize(ProfileMapping.ToInput(profile), phoneRegion);
        problems.AddRange(found.Select(p => new FieldError(p.Field, p.Message)));
        ThrowIfAny(problems);
        return ProfileMapping.ToProfile(normalized!, profile);
    }

    /// <summary>The tenant's phone region; an invalid tenant id is refused by validation, so the default serves it.</summary>
    private Task<string> PhoneRegionAsync(string tenantId) => Identifiers.IsTenantId(tenantId)
        ? GrainFactory.GetGrain<ITenantGrain>(tenantId).GetPhoneRegionAsync()
        : Task.FromResult(PhoneRegions.Default);

    private CustomerProfile RequireExisting()
    {
        if (!state.State.Exists)
        {
            var (tenantId, customerId) = Key;
            throw new NotFoundException($"No customer '{customerId}' in tenant '{tenantId}'.");
        }

        return state.State.Profile!;
    }

    private static string RequireActor(string actor) =>
        string.IsNullOrWhiteSpace(actor) ? throw new ArgumentException("Every change needs an actor.", nameof(actor)) : actor;

    private static void ThrowIfAny(List<FieldError> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }
    }

    /// <summary>
    /// Brings the directory row and the lookup rows up to the current version. A failure does not fail the caller's
    /// change, which is already stored: a timer retries until the rows are written, and activation repairs what a
    /// crash left behind.
    /// </summary>
    private async Task TryIndexAsync()
    {
        try
        {
            await IndexAsync();
            StopRepairTimerIfDone();
        }
        catch (Exception ex)
        {
            LogIndexFailed(ex, this.GetPrimaryKeyString(), state.State.Version);
            StartRepairTimer();
        }
    }

    // rewrite: every name row written again (a backfill), not only those the index's entity row does not list.
    private async Task IndexAsync(bool rewrite = false)
    {
        var version = state.State.Version;
        var (tenantId, customerId) = Key;
        await directory.UpsertAsync(Summary());
        if (_pendingRemovals.Length > 0)
        {
            await lookup.RemoveAsync(tenantId, customerId, _pendingRemovals);
        }

        var current = ProfileMapping.LookupChannels(state.State.Profile!.Channels);
        if (current.Length > 0)
        {
            await lookup.AddAsync(tenantId, customerId, current);
        }

        if (state.State.Profile.ExternalRef is { } platformId)
        {
            await lookup.AddPlatformIdAsync(tenantId, customerId, platformId);
        }

        // The name's grams replace whatever rows the index held (a rename's old grams go); an erased customer has none.
        await search.SetAsync(tenantId, Search.SearchIndexKind.CustomerName, customerId,
            state.State.Erased ? [] : Crm.Domain.Search.SearchGrams.ForIndex(state.State.Profile.DisplayName), rewrite: rewrite);

        _pendingRemovals = [];
        _indexedVersion = Math.Max(_indexedVersion, version);
    }

    /// <summary>Finishes an interrupted erasure and index write; failures are logged and left to the timer.</summary>
    private async Task RepairAsync()
    {
        if (!state.State.Exists)
        {
            return;
        }

        if (state.State.ErasurePending)
        {
            try
            {
                await CompleteErasureAsync();
            }
            catch (Exception ex)
            {
                LogErasureIncomplete(ex, this.GetPrimaryKeyString());
                StartRepairTimer();
            }
        }
        else if (_indexedVersion < state.State.Version)
        {
            await TryIndexAsync();
        }
    }

    private void StartRepairTimer() =>
        _indexRetry ??= this.RegisterGrainTimer(
            _ => RepairAsync(), new GrainTimerCreationOptions(IndexRetryPeriod, IndexRetryPeriod) { KeepAlive = true });

    private void StopRepairTimerIfDone()
    {
        if (_indexedVersion >= state.State.Version && !state.State.ErasurePending)
        {
            _indexRetry?.Dispose();
            _indexRetry = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory or lookup rows of customer {Key} at version {Version} not written; retrying.")]
    private partial void LogIndexFailed(Exception exception, string key, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure of customer {Key} not finished (archive redaction or index rows); retrying.")]
    private partial void LogErasureIncomplete(Exception exception, string key);

    private Task WriteAsync(CustomerState next) => WriteAsync(next, _pendingRemovals);

    /// <summary>Writes the state with the index bookkeeping; <paramref name="pendingRemovals"/> take effect only if the write succeeds.</summary>
    private async Task WriteAsync(CustomerState next, ImmutableArray<ContactChannel> pendingRemovals)
    {
        var previous = state.State;
        var previousRemovals = _pendingRemovals;
        next = next with { IndexedVersion = _indexedVersion, PendingLookupRemovals = pendingRemovals };
        state.State = next;
        _pendingRemovals = pendingRemovals;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Keep memory equal to storage; after an ETag conflict another writer owns the truth, so reload by deactivating.
            state.State = previous;
            _pendingRemovals = previousRemovals;
            if (ex is Orleans.Storage.InconsistentStateException)
            {
                DeactivateOnIdle();
            }

            throw;
        }
    }

    private static void CountArchive(ArchiveEntryKind kind) =>
        CrmMetrics.ArchiveEntriesAppended.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));

    private CustomerView View()
    {
        var (tenantId, customerId) = Key;
        var s = state.State;
        return new CustomerView(tenantId, customerId, s.Profile!, s.Version, s.CreatedAt, s.UpdatedAt, s.ArchiveCount, s.LastInteractionAt, s.ErasedAt);
    }

    private CustomerSummary Summary() => ProfileMapping.ToSummary(View());
}
