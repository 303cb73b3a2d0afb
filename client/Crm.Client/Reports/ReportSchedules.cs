using System.Globalization;
using System.Security.Claims;
using Crm.Client.Security;
using Crm.Contracts.Audit;
using Crm.Contracts.Common;
using Crm.Contracts.Reports;
using Crm.Domain.Reports;

namespace Crm.Client.Reports;

/// <summary>The schedule a tenant admin sets: which periods, and the local time ("HH:mm") on the day after each ends.</summary>
/// <param name="Recipients">Who each scheduled report is mailed to; left out (null): unchanged.</param>
public sealed record ReportScheduleRequest(bool Weekly, bool Monthly, bool Quarterly,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReportSchedules.AtLength)] string? At,
    [property: System.ComponentModel.DataAnnotations.MaxLength(ReportRecipients.Max), Crm.Contracts.Common.ItemMaxLength(ReportRecipients.MaxLength)] IReadOnlyList<string>? Recipients = null);

/// <summary>
/// The one door to a tenant's report schedule and its finished scheduled reports, for the API and the reports page
/// alike: the same validation, the same grain call, the same audit record. Callers check the permission first.
/// </summary>
public sealed class ReportSchedules(IClusterClient cluster, AuditTrail audit)
{
    public const string AtRule = "A local time as HH:mm, e.g. 08:00.";

    /// <summary>
    /// The document's bound on "at": longer than any way of writing a time, so a wrong one ("8 o'clock") is answered
    /// with the rule itself (HH:mm) rather than a length.
    /// </summary>
    public const int AtLength = 16;

    public Task<ReportScheduleView> GetAsync(string tenantId) => cluster.GetGrain<IReportScheduleGrain>(tenantId).GetAsync();

    /// <exception cref="ValidationFailedException">The time is not HH:mm.</exception>
    public async Task<ReportScheduleView> SetAsync(ClaimsPrincipal user, string tenantId, ReportScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TimeOnly.TryParseExact(request.At ?? "", ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new ValidationFailedException([new FieldError("at", AtRule)]);
        }

        var grain = cluster.GetGrain<IReportScheduleGrain>(tenantId);
        ImmutableArray<string> recipients;
        if (request.Recipients is null)
        {
            recipients = (await grain.GetAsync()).Recipients;
        }
        else
        {
            recipients = ReportRecipients.Normalize(request.Recipients) is { } normalized
                ? [.. normalized]
                : throw new ValidationFailedException([new FieldError("recipients", ReportRecipients.Rule)]);
        }

        var view = await grain.SetAsync(
            new ReportScheduleSettings(request.Weekly, request.Monthly, request.Quarterly, at) { Recipients = recipients }, user.Username());
        var kinds = string.Join(", ", new[] { (view.Weekly, "weekly"), (view.Monthly, "monthly"), (view.Quarterly, "quarterly") }.Where(k => k.Item1).Select(k => k.Item2));
        await audit.RecordAsync(user, tenantId, AuditAction.Update, AuditTargetType.Tenant, tenantId,
            (kinds.Length == 0 ? "report schedule off" : $"report schedule: {kinds} at {view.At:HH\\:mm}") + $", mailed to {view.Recipients.Length} recipients");
        return view;
    }
}
