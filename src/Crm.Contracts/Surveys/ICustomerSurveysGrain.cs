namespace Crm.Contracts.Surveys;

/// <summary>
/// A customer's survey invitations (key: tenant/customer): the one place that knows when the customer was last
/// invited, so the transactional rule's "at most one per N days" holds however many cases resolve at once.
/// </summary>
public interface ICustomerSurveysGrain : IGrainWithStringKey
{
    /// <summary>
    /// A case was resolved: issues an invitation if the tenant's rule says so (kind, cooldown) and returns it; null
    /// when the rule skips it. Idempotent per case and resolution time.
    /// </summary>
    Task<InvitationView?> OfferForResolvedCaseAsync(CaseFacts facts);

    /// <summary>Issues an invitation to this customer; idempotent per <paramref name="invitationId"/>.</summary>
    Task<InvitationView> InviteAsync(string surveyId, string invitationId, Crm.Domain.Surveys.SurveySource source, DateTimeOffset expiresAt, string? campaignId, CaseFacts? facts, string actor);
}
