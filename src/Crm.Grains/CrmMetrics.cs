using System.Diagnostics.Metrics;
using Crm.Contracts;

namespace Crm.Grains;

/// <summary>Our own counters; report aggregates will come from events, these are for operators.</summary>
internal static class CrmMetrics
{
    private static readonly Meter Meter = new(CrmTelemetry.MeterName);

    public static readonly Counter<long> CustomersCreated =
        Meter.CreateCounter<long>("crm.customers.created", description: "Customers created.");

    public static readonly Counter<long> ArchiveEntriesAppended =
        Meter.CreateCounter<long>("crm.archive.entries", description: "Service archive entries appended, by kind.");

    public static readonly Counter<long> AuditRecords =
        Meter.CreateCounter<long>("crm.audit.records", description: "Audit log records written, by action.");

    public static readonly Counter<long> CasesOpened =
        Meter.CreateCounter<long>("crm.cases.opened", description: "Cases opened, by kind.");

    public static readonly Counter<long> CasesResolved =
        Meter.CreateCounter<long>("crm.cases.resolved", description: "Cases resolved (again, after a reopen).");

    public static readonly Counter<long> SlaAlerts =
        Meter.CreateCounter<long>("crm.sla.alerts", description: "SLA warnings and breaches raised, by target and level.");

    public static readonly Counter<long> Escalations =
        Meter.CreateCounter<long>("crm.cases.escalations", description: "Cases escalated, by cause (an SLA breach or a person).");

    public static readonly Counter<long> WebhooksDelivered =
        Meter.CreateCounter<long>("crm.webhooks.delivered", description: "Webhook events a tenant's receiver accepted, by type.");

    public static readonly Counter<long> WebhooksFailed =
        Meter.CreateCounter<long>("crm.webhooks.failed", description: "Webhook events given up on after their last attempt, by type.");

    public static readonly Counter<double> SurveyScoringSeconds =
        Meter.CreateCounter<double>(CrmTelemetry.SurveyScoringSeconds, unit: "s", description: "Time spent scoring comments as survey responses are recorded.");

    public static readonly Counter<long> WebhooksDropped =
        Meter.CreateCounter<long>("crm.webhooks.dropped", description: "Webhook events dropped undelivered because a tenant's outbox was full.");
}
