using Crm.Contracts.Customers;
using Crm.Domain.Common;
using Crm.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Customers;

/// <summary>
/// A customer's profile and the head of its service archive. Archive rows are written before the state that
/// counts them: if the state write fails, the extra row is beyond <see cref="CustomerState.ArchiveCount"/>, never
/// read, and overwritten by the next append, so a failed call leaves nothing half-written.
/// </summary>
public sealed partial class CustomerGrain(
    [PersistentState("customer", CrmStorage.Name)] IPersistentState<CustomerState> state,
    ICustomerArchiveStore archive,
    ICustomerDirectoryStore directory,
    TimeProvider time,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private const int MaxSummaryLength = 500;
    private const int MaxDetailLength = 4000;
    private static readonly TimeSpan IndexRetryPeriod = TimeSpan.FromSeconds(5);

    // The version the directory row is known to show; persisted lazily through CustomerState.IndexedVersion.
    private long _indexedVersion;
    private IGrainTimer? _indexRetry;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _indexedVersion = state.State.IndexedVersion;
        if (state.State.Exists && _indexedVersion < state.State.Version)
        {
            // The last activation may have stopped between the state write and the index write.
            await TryIndexAsync();
        }
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

        var normalized = Validate(profile, problems);
        if (state.State.Exists)
        {
            throw new ConflictException($"Customer '{customerId}' already exists in tenant '{tenantId}'.");
        }

        var now = time.GetUtcNow();
        var entry = new ArchiveEntry(1, now, ArchiveEntryKind.CustomerCreated, $"Customer {normalized.DisplayName} created.", RequireActor(actor));
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
        var normalized = Validate(profile, []);
        if (expectedVersion is { } expected && expected != state.State.Version)
        {
            throw new ConflictException(
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
        await WriteAsync(state.State with
        {
            Profile = normalized,
            Version = state.State.Version + 1,
            UpdatedAt = now,
            ArchiveCount = sequence,
        });
        await TryIndexAsync();
        CountArchive(entry.Kind);
        return View();
    }

    public Task<CustomerView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<ArchiveEntry> AppendArchiveAsync(NewArchiveEntry entry, string actor)
    {
        RequireExisting();
        var problems = new List<FieldError>();
        if (!Enum.IsDefined(entry.Kind))
        {
            problems.Add(new("kind", "Unknown archive entry kind."));
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
        await WriteAsync(state.State with { ArchiveCount = stored.Sequence, LastInteractionAt = now });
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

    private CustomerProfile Validate(CustomerProfile profile, List<FieldError> problems)
    {
        if (profile is null)
        {
            ThrowIfAny([.. problems, new FieldError("profile", "A profile is required.")]);
        }

        if (!Enum.IsDefined(profile!.Tier))
        {
            problems.Add(new("tier", "Unknown tier."));
        }

        var (normalized, found) = ProfileRules.Normalize(ProfileMapping.ToInput(profile));
        problems.AddRange(found.Select(p => new FieldError(p.Field, p.Message)));
        ThrowIfAny(problems);
        return ProfileMapping.ToProfile(normalized!, profile);
    }

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
    /// Brings the directory row up to the current version. A failure does not fail the caller's change, which is
    /// already stored: a timer retries until the row is written, and activation repairs what a crash left behind.
    /// </summary>
    private async Task TryIndexAsync()
    {
        var version = state.State.Version;
        try
        {
            await directory.UpsertAsync(Summary());
            _indexedVersion = Math.Max(_indexedVersion, version);
            _indexRetry?.Dispose();
            _indexRetry = null;
        }
        catch (Exception ex)
        {
            LogIndexFailed(ex, this.GetPrimaryKeyString(), version);
            _indexRetry ??= this.RegisterGrainTimer(
                _ => _indexedVersion < state.State.Version ? TryIndexAsync() : Task.CompletedTask,
                new GrainTimerCreationOptions(IndexRetryPeriod, IndexRetryPeriod) { KeepAlive = true });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Directory row of customer {Key} at version {Version} not written; retrying.")]
    private partial void LogIndexFailed(Exception exception, string key, long version);

    private async Task WriteAsync(CustomerState next)
    {
        var previous = state.State;
        next = next with { IndexedVersion = _indexedVersion };
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // Keep memory equal to storage; after an ETag conflict another writer owns the truth, so reload by deactivating.
            state.State = previous;
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
        return new CustomerView(tenantId, customerId, s.Profile!, s.Version, s.CreatedAt, s.UpdatedAt, s.ArchiveCount, s.LastInteractionAt);
    }

    private CustomerSummary Summary()
    {
        var (tenantId, customerId) = Key;
        var p = state.State.Profile!;
        return new CustomerSummary(tenantId, customerId, p.DisplayName, p.Tier, p.Segment, p.Tags, ProfileMapping.PreferredContact(p), state.State.UpdatedAt);
    }
}
