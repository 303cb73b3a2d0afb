using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;

namespace Crm.Grains.Surveys;

/// <summary>One delivery a recorded batch owes: an entry for a customer's archive, and for an invitation its webhook event.</summary>
public sealed record SurveyDelivery(string CustomerId, SurveyArchiveItem Archive, WebhookEvent? Webhook = null);

/// <summary>
/// The archive entries and webhook events of one applied batch of the results grain, waiting for the delivery
/// grain. Written with the batch's rows (its number is the key, so a re-applied batch writes the same row), deleted
/// once every receiver has it; receivers drop repeats by id, so delivering it twice changes nothing.
/// </summary>
public sealed record SurveyOutboxBatch(long Number, string Actor, IReadOnlyList<SurveyDelivery> Items);
