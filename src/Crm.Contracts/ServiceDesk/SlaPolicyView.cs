using Crm.Domain.Sla;
using System.ComponentModel.DataAnnotations;
namespace Crm.Contracts.ServiceDesk;

/// <summary>One version of a tenant's SLA policy; cases keep the version in force when they opened.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.sla-policy")]
public sealed record SlaPolicyView(
    [property: Id(0)] int Version,
    [property: Id(1)] TimeSpan FirstResponse,
    [property: Id(2)] TimeSpan Resolution,
    [property: Id(3)] TimeSpan MajorResolution,
    [property: Id(4)] double WarningShare,
    [property: Id(5)] SlaCalendarView Calendar,
    [property: Id(6)] DateTimeOffset? ChangedAt,
    [property: Id(7)] string? ChangedBy);

/// <summary>
/// When the clock runs: <see cref="Hours"/> empty or absent means 7x24; otherwise weekly spans in local time of
/// <see cref="TimeZoneId"/> (IANA), minus <see cref="Holidays"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.sla-calendar")]
public sealed record SlaCalendarView(
    [property: Id(0), MaxLength(SlaPolicyRules.MaxTimeZoneIdLength)] string TimeZoneId,
    [property: Id(1)] ImmutableArray<WorkingHours> Hours,
    [property: Id(2)] ImmutableArray<DateOnly> Holidays);

/// <summary>Open time on one weekday; <see cref="End"/> may be 24:00 ("1.00:00:00").</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.working-hours")]
public sealed record WorkingHours(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeSpan Start,
    [property: Id(2)] TimeSpan End);

/// <summary>A new SLA policy as a tenant admin sends it; saving it makes the next version.</summary>
[GenerateSerializer, Immutable, Alias("crm.service-desk.sla-policy-input")]
public sealed record SlaPolicyInput(
    [property: Id(0)] TimeSpan FirstResponse,
    [property: Id(1)] TimeSpan Resolution,
    [property: Id(2)] TimeSpan MajorResolution,
    [property: Id(3)] double WarningShare = 0.75,
    [property: Id(4)] SlaCalendarView? Calendar = null);
