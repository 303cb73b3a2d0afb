using Crm.Domain.Surveys;
using Crm.Grains.Surveys;

namespace Crm.Storage.AzureTables.Protection;

/// <summary>
/// Invitation link tokens under the lookup key: it never rotates (links must keep working) and never leaves the
/// silo, so tokens are reproducible here and unguessable everywhere else.
/// </summary>
public sealed class KeyedInvitationTokens(PersonalDataKeyRing keys) : IInvitationTokens
{
    public string TokenFor(string tenantId, string invitationId) => InvitationToken.Derive(keys.LookupKey, tenantId, invitationId);
}
