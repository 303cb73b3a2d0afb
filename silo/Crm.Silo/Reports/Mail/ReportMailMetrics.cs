using System.Diagnostics.Metrics;
using Crm.Contracts;

namespace Crm.Silo.Reports.Mail;

/// <summary>Counters for operators: report mails the SMTP server accepted, and those given up on.</summary>
internal static class ReportMailMetrics
{
    private static readonly Meter Meter = new(CrmTelemetry.MeterName);

    public static readonly Counter<long> Sent =
        Meter.CreateCounter<long>("crm.reports.mails.sent", description: "Report mails the SMTP server accepted.");

    public static readonly Counter<long> Failed =
        Meter.CreateCounter<long>("crm.reports.mails.failed", description: "Report mails given up on after their last attempt.");
}
