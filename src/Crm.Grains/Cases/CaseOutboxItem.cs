using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Reports;

namespace Crm.Grains.Cases;

/// <summary>
/// One effect of a committed case event on another grain: exactly one of them is set. Each receiver is
/// idempotent (archive by case sequence, notification and webhook by id, report by case and sequence, survey offer
/// by case), so delivering again after a crash is safe.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.cases.outbox-item")]
public sealed record CaseOutboxItem(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Actor,
    [property: Id(2)] NewArchiveEntry? Archive = null,
    [property: Id(3)] DeskNotification? Notification = null,
    [property: Id(4)] WebhookEvent? Webhook = null,
    [property: Id(5)] CaseFact? Report = null,
    [property: Id(6)] Crm.Contracts.Surveys.CaseFacts? SurveyOffer = null);
