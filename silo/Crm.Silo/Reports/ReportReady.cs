using System.Collections.Immutable;
using Crm.Contracts.ServiceDesk;

namespace Crm.Silo.Reports;

/// <summary>The <c>report.ready</c> webhook event: a period's finished report is in the inbox.</summary>
public static class ReportReady
{
    public const string Type = "report.ready";

    /// <summary>One id per tenant and period, so a repeat (a retried make) is dropped by the outbox and the receiver.</summary>
    public static WebhookEvent Event(string tenantId, string period, string language, DateTimeOffset at) => new(
        $"{Type}/{tenantId}/{period}",
        Type,
        at,
        CaseId: "",
        $"The service report for {period} is ready.",
        ImmutableDictionary<string, string>.Empty
            .Add("period", period)
            .Add("language", language)
            .Add("html", $"/api/tenants/{tenantId}/reports/inbox/{period}/report.html")
            .Add("pdf", $"/api/tenants/{tenantId}/reports/inbox/{period}/report.pdf"));
}
