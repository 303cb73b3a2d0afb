using Orleans.Concurrency;

namespace Crm.Contracts.Surveys;

/// <summary>
/// Delivers what a survey's recorded batches owe to others (key: tenant/survey): entries in the customers' service
/// archives and <c>survey.invited</c> webhook events. The results grain writes them to an outbox with the batch's
/// rows and pokes this grain, so recording a batch never waits for hundreds of customers' grains.
/// </summary>
public interface ISurveyDeliveryGrain : IGrainWithStringKey
{
    /// <summary>There may be something to deliver: starts delivering unless it already is, and returns at once.</summary>
    // Interleaved so that a poke never waits behind a delivery in progress (it only starts a timer, no await).
    [AlwaysInterleave]
    Task PokeAsync();

    /// <summary>How many batches wait in the outbox (0 once everything is delivered).</summary>
    Task<int> PendingAsync();
}
