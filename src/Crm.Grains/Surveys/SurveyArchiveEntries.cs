using System.Globalization;
using Crm.Contracts.Customers;
using Crm.Contracts.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>How survey events read in the customer's service archive; the invitation or response id is the reference.</summary>
public static class SurveyArchiveEntries
{
    // Event ids say what happened: an invitation's response has the invitation's id, and both go to the archive.
    public static SurveyArchiveItem Invited(InvitationRecord i) => new(
        "invited:" + i.InvitationId,
        new(ArchiveEntryKind.Survey,
            string.Create(CultureInfo.InvariantCulture, $"Survey invitation issued ({i.Source}): survey {i.SurveyId} v{i.SurveyVersion}, open until {i.ExpiresAt:yyyy-MM-dd HH:mm} UTC."),
            ReferenceId: i.InvitationId));

    public static SurveyArchiveItem Answered(SurveyResponseEvent r)
    {
        var nps = r.Answers.Nps is { } n ? string.Create(CultureInfo.InvariantCulture, $", NPS {n}/10") : "";
        var reason = r.Answers.Reason is { } why ? $", reason: {why}" : "";
        return new(
            "answered:" + r.ResponseId,
            new(ArchiveEntryKind.Survey,
                string.Create(CultureInfo.InvariantCulture, $"Survey answered: survey {r.SurveyId} v{r.Version}, CSAT {r.Answers.Csat}/5{nps}{reason}."),
                ReferenceId: r.ResponseId,
                Detail: r.Answers.Comment));
    }
}
