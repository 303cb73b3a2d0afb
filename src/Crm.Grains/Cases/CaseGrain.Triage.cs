using Crm.Contracts.Cases;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;

namespace Crm.Grains.Cases;

/// <summary>Re-triage: a new severity or category for an open case.</summary>
public sealed partial class CaseGrain
{
    public async Task<CaseView> ChangeDetailsAsync(CaseSeverity? severity, string? category, string actor)
    {
        var now = Begin(actor);
        RequireOpen("re-triage");
        var errors = new List<FieldError>();
        if (severity is { } s && !Enum.IsDefined(s))
        {
            errors.Add(new("severity", "One of normal, major."));
        }

        var newCategory = string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant();
        if (newCategory is not null)
        {
            var settings = await grains.GetGrain<IServiceDeskGrain>(Key.TenantId).GetSettingsAsync();
            if (!settings.Categories.Contains(newCategory))
            {
                errors.Add(new("category", $"One of this tenant's categories: {string.Join(", ", settings.Categories)}."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException([.. errors]);
        }

        var current = state.State;
        var toSeverity = severity ?? current.Report!.Severity;
        var toCategory = newCategory ?? current.Category;
        if (toSeverity == current.Report!.Severity && toCategory == current.Category)
        {
            return View(now);
        }

        var next = CatchUpSla(current, now);
        var severityChanged = toSeverity != next.Report!.Severity;
        next = next with
        {
            Report = next.Report with { Severity = toSeverity, Category = toCategory },
            Category = toCategory,
            // The clock measures the case from its opening against the new target. Resolution alerts raised against
            // the old target are in the history; the new target gets its own, raised at once if already due.
            Timeline = next.Timeline! with { Severity = toSeverity },
            Alerts = severityChanged ? next.Alerts.RemoveAll(a => a.Target == SlaTarget.Resolution) : next.Alerts,
        };
        Record(next, CaseEventType.DetailsChanged, actor, now, text: TriageText.Describe(current.Report.Severity, toSeverity, current.Category, toCategory));
        next = CatchUpSla(next, now);
        await CommitAsync(next, now);
        return View(now);
    }
}
