namespace Crm.Domain.Sla;

/// <summary>
/// Open time on one weekday, in the calendar's local wall-clock time. <see cref="Start"/> and <see cref="End"/>
/// are offsets from local midnight (a TimeSpan so that 24:00, the end of the day, can be said).
/// </summary>
public sealed record WorkingSpan(DayOfWeek Day, TimeSpan Start, TimeSpan End)
{
    public static WorkingSpan Of(DayOfWeek day, int startHour, int endHour) =>
        new(day, TimeSpan.FromHours(startHour), TimeSpan.FromHours(endHour));
}
