namespace Crm.Domain.Surveys;

/// <summary>What saving an edited survey does.</summary>
public enum SurveySaveMode
{
    /// <summary>Nothing changed: no new version, nothing written.</summary>
    Unchanged = 0,

    /// <summary>No one has answered the current version yet, so it is corrected where it stands.</summary>
    InPlace = 1,

    /// <summary>Responses already answered the current version: they keep it, and the edit becomes the next version.</summary>
    NewVersion = 2,
}

/// <summary>The versioning rule: a version that has responses is never changed under them.</summary>
public static class SurveyVersioning
{
    public static SurveySaveMode Decide(SurveyDefinition current, SurveyDefinition edited, long responsesToCurrent) =>
        current.SameAs(edited) ? SurveySaveMode.Unchanged
        : responsesToCurrent > 0 ? SurveySaveMode.NewVersion
        : SurveySaveMode.InPlace;
}
