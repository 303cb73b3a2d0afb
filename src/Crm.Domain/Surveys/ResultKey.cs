using Crm.Domain.Cases;

namespace Crm.Domain.Surveys;

/// <summary>
/// The bucket a response or invitation is counted in: its day (in the tenant's time zone), how it came, and for
/// transactional surveys the case's category, channel and agent. Every breakdown analysts ask for is a sum of these.
/// </summary>
public sealed record ResultKey(DateOnly Day, SurveySource Source, string? Category = null, CaseChannel? Channel = null, string? Agent = null)
{
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
