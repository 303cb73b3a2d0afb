using System.Collections.Immutable;
using Crm.Contracts.Common;
using Crm.Contracts.Access;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;
using Crm.Grains.Tests.Customers;

namespace Crm.Grains.Tests.Surveys;

/// <summary>A fresh tenant with customers and a default survey, and shortcuts to its survey grains.</summary>
internal sealed class SurveyDesk(IClusterClient client, string tenantId, IReadOnlyList<string> customerIds)
{
    public const string SurveyId = "csat";

    public string TenantId { get; } = tenantId;

    public IReadOnlyList<string> CustomerIds { get; } = customerIds;

    public static async Task<SurveyDesk> CreateAsync(IClusterClient client, int customers = 2)
    {
        var tenant = CustomerBuilder.NewTenant();
        await client.GetGrain<ITenantGrain>(tenant).CreateAsync("Survey tests", "op");
        var ids = Enumerable.Range(0, customers).Select(i => $"c{i}-{Guid.NewGuid().ToString("N")[..6]}").ToList();
        foreach (var id in ids)
        {
            await client.GetGrain<ICustomerGrain>(CustomerKey.Format(tenant, id)).CreateAsync(CustomerBuilder.Profile(), "setup");
        }

        var desk = new SurveyDesk(client, tenant, ids);
        await desk.Survey().CreateAsync(new SurveyDraft("After-sales CSAT", SurveyContent.Default()), "analyst-1");
        return desk;
    }

    public ISurveyGrain Survey(string surveyId = SurveyId) => client.GetGrain<ISurveyGrain>(SurveyKey.Format(TenantId, surveyId));

    public ISurveyResultsGrain Results(string surveyId = SurveyId) => client.GetGrain<ISurveyResultsGrain>(SurveyKey.Format(TenantId, surveyId));

    public ISurveyCatalogGrain Catalog => client.GetGrain<ISurveyCatalogGrain>(TenantId);

    public ICustomerSurveysGrain CustomerSurveys(string? customerId = null) =>
        client.GetGrain<ICustomerSurveysGrain>(SurveyKey.Format(TenantId, customerId ?? CustomerIds[0]));

    public ICustomerGrain Customer(string? customerId = null) => client.GetGrain<ICustomerGrain>(CustomerKey.Format(TenantId, customerId ?? CustomerIds[0]));

    public ISurveyDeliveryGrain Delivery(string surveyId = SurveyId) => client.GetGrain<ISurveyDeliveryGrain>(SurveyKey.Format(TenantId, surveyId));

    /// <summary>Waits until the survey's outbox is delivered (archive entries, webhook events), at most <paramref name="seconds"/>.</summary>
    public async Task DeliveredAsync(string surveyId = SurveyId, int seconds = 30)
    {
        // Recorded batches are applied (their outbox written) just after the call that recorded them.
        await Results(surveyId).SettleAsync();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (await Delivery(surveyId).PendingAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Survey {surveyId}'s outbox not delivered within {seconds} s.");
            }

            await Task.Delay(100);
        }
    }

    public IInvitationGrain Invitation(string token) => client.GetGrain<IInvitationGrain>(InvitationToken.Hash(token));

    public static ResponseInput Response(string id, string customerId, int csat, int? nps = null, string? comment = null, int? version = null, string? reason = null) =>
        new(id, customerId, DateTimeOffset.UtcNow.AddMinutes(-1),
            new AnswersInput(csat, ImmutableDictionary<string, int>.Empty.Add("response-speed", csat), nps, reason, comment), version);
}
