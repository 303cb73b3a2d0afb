using System.ComponentModel.DataAnnotations;
using Crm.Contracts.Common;
using Crm.Domain.Customers;
using Crm.Domain.Surveys;

namespace Crm.Contracts.Surveys;

/// <summary>
/// One response as the API takes it from the platform's survey tools, an import file (the CLI's and the upload's)
/// or the web UI: the same record on both sides of the wire. The customer is named by exactly one of customerId,
/// platformId, email or phone. Without a responseId the id is derived from the row's content, so sending the same
/// row again adds nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.surveys.response-row")]
public sealed record ResponseRow(
    [property: Id(0), MaxLength(Identifiers.MaxEntityIdLength)] string? ResponseId,
    [property: Id(1), MaxLength(Identifiers.MaxEntityIdLength)] string? CustomerId,
    [property: Id(2), MaxLength(ProfileRules.MaxChannelValueLength)] string? Email,
    [property: Id(3), MaxLength(ProfileRules.MaxChannelValueLength)] string? Phone,
    [property: Id(4)] DateTimeOffset? AnsweredAt,
    [property: Id(5)] int? Version,
    [property: Id(6)] int? Csat,
    [property: Id(7)] ImmutableDictionary<string, int>? Dimensions,
    [property: Id(8)] int? Nps,
    [property: Id(9), MaxLength(SurveyRules.MaxKeyLength)] string? Reason,
    [property: Id(10), MaxLength(ResponseRules.MaxCommentLength)] string? Comment,
    [property: Id(11), MaxLength(ProfileRules.MaxExternalRefLength)] string? PlatformId = null)
{
    /// <summary>The fields that can name the customer, in the order a message lists them.</summary>
    public const string CustomerFields = "customerId, platformId, email or phone";

    /// <summary>The fields that name a customer for the keyed-hash or platform-id lookup.</summary>
    public const string CustomerNameFields = "platformId, email or phone";

    /// <summary>How many of the four customer fields the row fills (exactly one is right); a method, so JSON leaves it out.</summary>
    public int CountCustomerNames() => new[] { CustomerId, PlatformId, Email, Phone }.Count(v => !string.IsNullOrWhiteSpace(v));
}
