using Crm.Contracts.Surveys;
using Crm.Domain.Surveys;

namespace Crm.Grains.Surveys;

/// <summary>
/// One survey and its versions. Answers are given to a version only through <see cref="TakeForAnswersAsync"/>, which
/// marks it answered in this grain's single thread, so an edit can never slip under a response being recorded.
/// </summary>
public sealed class SurveyGrain(
    [PersistentState("survey", CrmStorage.Name)] IPersistentState<SurveyState> state,
    TimeProvider time) : Grain, ISurveyGrain
{
    public const int MaxNameLength = SurveyRules.MaxNameLength;

    private (string TenantId, string SurveyId) Key => SurveyKey.Parse(this.GetPrimaryKeyString());

    public async Task<SurveyView> CreateAsync(SurveyDraft draft, string actor)
    {
        SurveyProblems.RequireActor(actor);
        var (tenantId, surveyId) = Key;
        if (!Identifiers.IsTenantId(tenantId) || !Identifiers.IsEntityId(surveyId))
        {
            throw new ValidationFailedException([new("surveyId", "A survey id is 1-64 letters, digits, '-' or '_'.")]);
        }

        var name = RequireName(draft?.Name);
        var content = Normalize(draft!.Content);
        if (state.State.Exists)
        {
            // A retried create is answered with the survey; another survey under the same id is a conflict.
            if (state.State.Name == name && state.State.Versions[0].Content.ToDomain().SameAs(content.ToDomain()))
            {
                return View();
            }

            throw new ConflictException($"Survey '{surveyId}' already exists; edit it to make a new version.");
        }

        var now = time.GetUtcNow();
        state.State = new SurveyState
        {
            Name = name,
            Versions = [new SurveyVersionView(1, content, now, actor, Answered: false)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await state.WriteStateAsync();
        await TrackAsync();
        return View();
    }

    public Task<SurveyView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<SurveyView> EditAsync(string? name, SurveyContent content, string actor)
    {
        SurveyProblems.RequireActor(actor);
        RequireExisting();
        var newName = name is null ? state.State.Name! : RequireName(name);
        var edited = Normalize(content);
        var current = state.State.Versions[^1];
        var mode = SurveyVersioning.Decide(current.Content.ToDomain(), edited.ToDomain(), current.Answered ? 1 : 0);
        if (mode == SurveySaveMode.Unchanged && newName == state.State.Name)
        {
            return View();
        }

        var now = time.GetUtcNow();
        var versions = mode switch
        {
            SurveySaveMode.NewVersion => state.State.Versions.Add(new SurveyVersionView(current.Version + 1, edited, now, actor, Answered: false)),
            SurveySaveMode.InPlace => state.State.Versions.SetItem(state.State.Versions.Length - 1, current with { Content = edited, CreatedAt = now, CreatedBy = actor }),
            _ => state.State.Versions,
        };
        state.State = state.State with { Name = newName, Versions = versions, UpdatedAt = now };
        await state.WriteStateAsync();
        await TrackAsync();
        return View();
    }

    public Task<ImmutableArray<SurveyVersionView>> ListVersionsAsync()
    {
        RequireExisting();
        return Task.FromResult(state.State.Versions);
    }

    public Task<SurveyVersionView> GetVersionAsync(int version)
    {
        RequireExisting();
        return Task.FromResult(Find(version));
    }

    public async Task<SurveyVersionView> TakeForAnswersAsync(int? version)
    {
        RequireExisting();
        var found = version is { } v ? Find(v) : state.State.Versions[^1];
        if (!found.Answered)
        {
            found = found with { Answered = true };
            state.State = state.State with { Versions = state.State.Versions.SetItem(found.Version - 1, found) };
            await state.WriteStateAsync();
        }

        return found;
    }

    private SurveyVersionView Find(int version) =>
        version >= 1 && version <= state.State.Versions.Length
            ? state.State.Versions[version - 1]
            : throw new NotFoundException($"Survey '{Key.SurveyId}' has no version {version}; its current version is {state.State.Versions.Length}.");

    private static SurveyContent Normalize(SurveyContent? content)
    {
        if (content is null)
        {
            throw new ValidationFailedException([new("content", "Required.")]);
        }

        var (definition, problems) = SurveyRules.Normalize(content.ToDomain());
        SurveyProblems.ThrowIfAny(problems, "content.");
        return SurveyContent.From(definition);
    }

    private static string RequireName(string? name)
    {
        var trimmed = name?.Trim();
        return string.IsNullOrEmpty(trimmed) ? throw new ValidationFailedException([new("name", "Required.")])
            : trimmed.Length > MaxNameLength ? throw new ValidationFailedException([new("name", $"At most {MaxNameLength} characters.")])
            : trimmed;
    }

    private void RequireExisting()
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException($"No survey '{Key.SurveyId}' in this tenant.");
        }
    }

    private Task TrackAsync()
    {
        var (tenantId, surveyId) = Key;
        return GrainFactory.GetGrain<ISurveyCatalogGrain>(tenantId)
            .TrackSurveyAsync(new SurveySummary(surveyId, state.State.Name!, state.State.Versions[^1].Version, state.State.UpdatedAt));
    }

    private SurveyView View()
    {
        var (tenantId, surveyId) = Key;
        var s = state.State;
        return new SurveyView(tenantId, surveyId, s.Name!, s.Versions[^1], s.Versions.Length, s.CreatedAt, s.UpdatedAt);
    }
}
