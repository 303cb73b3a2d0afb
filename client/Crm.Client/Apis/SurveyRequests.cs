using System.ComponentModel.DataAnnotations;
using Crm.Contracts.Common;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;
using Crm.Domain.Customers;
using Crm.Domain.Surveys;

namespace Crm.Client.Apis;

/// <summary>A new survey: its id (1-64 letters, digits, '-' or '_'), name, and first version (the default survey when left out).</summary>
public sealed record NewSurveyRequest(
    [property: MaxLength(Identifiers.MaxEntityIdLength)] string? SurveyId, [property: MaxLength(SurveyRules.MaxNameLength)] string? Name, SurveyContent? Content);

/// <summary>An edit: a new name and/or content; content with responses makes the next version.</summary>
public sealed record EditSurveyRequest([property: MaxLength(SurveyRules.MaxNameLength)] string? Name, SurveyContent? Content);

/// <summary>A campaign of a survey: customers of a segment, tier and/or tag, links open from 'from' to the end of 'to'.</summary>
public sealed record CampaignRequest(
    [property: MaxLength(Identifiers.MaxEntityIdLength)] string? CampaignId,
    [property: MaxLength(CampaignRules.MaxNameLength)] string? Name,
    DateOnly? From,
    DateOnly? To,
    [property: MaxLength(ProfileRules.MaxSegmentLength)] string? Segment,
    CustomerTier? Tier,
    [property: MaxLength(ProfileRules.MaxTagLength)] string? Tag);

/// <summary>One invitation to one customer; its link is in the answer (and in the invitations CSV).</summary>
public sealed record InvitationRequest(
    [property: MaxLength(Identifiers.MaxEntityIdLength)] string? CustomerId, int? ValidityDays, [property: MaxLength(Identifiers.MaxEntityIdLength)] string? InvitationId);

/// <summary>Responses from the platform's survey tools or an import file: at most 1,000 per request.</summary>
public sealed record ResponsesRequest(List<ResponseRow?>? Responses);

/// <summary>What a batch did (or, on a dry run, would do).</summary>
public sealed record ResponsesResult(int Added, int AlreadyRecorded, bool DryRun);

/// <summary>
/// An import's customers, each named by exactly one of platformId, email or phone, to be resolved to customer ids once
/// before the first batch (at most <see cref="Surveys.SurveyCommands.MaxLookups"/> per request).
/// </summary>
public sealed record CustomerLookupsRequest(List<CustomerName?>? Names);

/// <summary>One customer as an import row names it: exactly one of the three.</summary>
public sealed record CustomerName(
    [property: MaxLength(ProfileRules.MaxExternalRefLength)] string? PlatformId,
    [property: MaxLength(ProfileRules.MaxChannelValueLength)] string? Email,
    [property: MaxLength(ProfileRules.MaxChannelValueLength)] string? Phone);

/// <summary>The answers, in the order asked.</summary>
public sealed record CustomerLookupsResult(ImmutableArray<CustomerMatch> Matches);

/// <summary>The one customer a name resolved to, or why it did not (no match, several, not a valid value): its field and message.</summary>
public sealed record CustomerMatch(string? CustomerId, string? Field = null, string? Error = null);
