using Crm.Contracts.Reports;
using Crm.Domain.Reports;

namespace Crm.Grains.Reports;

/// <summary>Holds the figures the platform posts, one per period, each versioned so a replace names what it read.</summary>
public sealed class TenantAvailabilityGrain(
    [PersistentState("availability", CrmStorage.Name)] IPersistentState<TenantAvailabilityState> state,
    TimeProvider time) : Grain, ITenantAvailabilityGrain
{
    public Task<PostedAvailability?> GetPostedAsync(string period) =>
        Task.FromResult(state.State.Posted.GetValueOrDefault(Parse(period).ToString()));

    public async Task<PostedAvailability> PostAsync(string period, double percent, string? note, long? expectedVersion, string actor)
    {
        var id = Parse(period).ToString();
        var errors = new List<FieldError>();
        if (!AvailabilityRules.IsPercent(percent))
        {
            errors.Add(new("percent", AvailabilityRules.PercentRule));
        }

        if (note is { Length: > AvailabilityRules.NoteMaxLength })
        {
            errors.Add(new("note", $"At most {AvailabilityRules.NoteMaxLength} characters."));
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        var current = state.State.Posted.GetValueOrDefault(id);
        var version = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != version)
        {
            throw new PreconditionFailedException($"The figure for {id} is at version {version}, not {expected}: read it again and post your figure again.");
        }

        var posted = new PostedAvailability(percent, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), time.GetUtcNow(), actor, version + 1);
        state.State = state.State with { Posted = state.State.Posted.SetItem(id, posted) };
        await state.WriteStateAsync();
        return posted;
    }

    private static ReportPeriod Parse(string period) =>
        ReportPeriod.TryParse(period, out var p)
            ? p
            : throw new ValidationFailedException([new FieldError("period", "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).")]);
}
