using Crm.Contracts.Customers;

namespace Crm.Contracts.Surveys;

/// <summary>
/// A survey sent to the customers of a segment, tier and/or tag (all that are given must match), with links open
/// from <see cref="From"/> to the end of <see cref="To"/> (days in the tenant's zone).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.campaign-draft")]
public sealed record CampaignDraft(
    [property: Id(0)] string SurveyId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] string? Segment = null,
    [property: Id(5)] CustomerTier? Tier = null,
    [property: Id(6)] string? Tag = null);

/// <summary>
/// A launched campaign: invitations issued, and the audience's customers skipped for not agreeing to surveys, so far;
/// <see cref="Issuing"/> while the walk through the customers goes on (a page at a time, after the launch has answered).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.campaign")]
public sealed record CampaignView(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignDraft Draft,
    [property: Id(2)] int SurveyVersion,
    [property: Id(3)] int Invited,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] int SkippedNoConsent = 0,
    [property: Id(7)] bool Issuing = false);

/// <summary>A campaign (key: tenant/campaign): picks its audience once and issues one invitation to each.</summary>
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the campaign and issues its first page of invitations; the rest follow a page at a time after the call
    /// (<see cref="CampaignView.Issuing"/>). Repeating the call with the same draft returns it as it is.
    /// </summary>
    Task<CampaignView> LaunchAsync(CampaignDraft draft, string actor);

    Task<CampaignView?> GetAsync();
}
