using Crm.Contracts.ServiceDesk;
using Crm.Domain.Sla;

namespace Crm.Grains.ServiceDesk;

/// <summary>Between the wire form of an SLA policy and the domain's, which the clock computes with.</summary>
public static class SlaPolicyMapping
{
    public static SlaPolicy ToDomain(SlaPolicyView view) => new()
    {
        Version = view.Version,
        FirstResponse = view.FirstResponse,
        Resolution = view.Resolution,
        MajorResolution = view.MajorResolution,
        WarningShare = view.WarningShare,
        Calendar = ToDomain(view.Calendar),
    };

    public static SlaCalendar ToDomain(SlaCalendarView? view)
    {
        if (view is null)
        {
            return SlaCalendar.AlwaysOpen;
        }

        var holidays = view.Holidays.IsDefault ? [] : view.Holidays.ToList();
        return view.Hours.IsDefaultOrEmpty
            ? new SlaCalendar { TimeZoneId = view.TimeZoneId ?? "UTC", Holidays = holidays }
            : SlaCalendar.BusinessHours(view.TimeZoneId ?? "", view.Hours.Select(h => new WorkingSpan(h.Day, h.Start, h.End)), holidays);
    }

    public static SlaPolicyView ToView(SlaPolicy policy, DateTimeOffset? changedAt, string? changedBy) => new(
        policy.Version,
        policy.FirstResponse,
        policy.Resolution,
        policy.MajorResolution,
        policy.WarningShare,
        new SlaCalendarView(
            policy.Calendar.TimeZoneId,
            policy.Calendar.Hours is { } hours ? [.. hours.Select(h => new WorkingHours(h.Day, h.Start, h.End))] : [],
            [.. policy.Calendar.Holidays]),
        changedAt,
        changedBy);
}
