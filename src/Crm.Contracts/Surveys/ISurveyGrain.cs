namespace Crm.Contracts.Surveys;

/// <summary>
/// One survey of a tenant (key <see cref="SurveyKey"/>: tenant/survey) and its versions. Editing a version that has
/// responses makes the next version; one without is corrected in place.
/// </summary>
public interface ISurveyGrain : IGrainWithStringKey
{
    /// <summary>Creates the survey; a second create with the same content returns it, with different content is a conflict.</summary>
    Task<SurveyView> CreateAsync(SurveyDraft draft, string actor);

    /// <summary>The survey, or null when it does not exist.</summary>
    Task<SurveyView?> GetAsync();

    /// <summary>Saves an edit: the same version when unanswered, else the next one; unchanged content writes nothing.</summary>
    Task<SurveyView> EditAsync(string? name, SurveyContent content, string actor);

    /// <summary>Every version, oldest first.</summary>
    Task<ImmutableArray<SurveyVersionView>> ListVersionsAsync();

    /// <summary>A version (not found when it never existed).</summary>
    Task<SurveyVersionView> GetVersionAsync(int version);

    /// <summary>
    /// The version answers are given to (<paramref name="version"/>, or the current one), marked answered so that
    /// from now on an edit makes a new version under them. Not found for a survey or version that does not exist.
    /// </summary>
    Task<SurveyVersionView> TakeForAnswersAsync(int? version);
}
