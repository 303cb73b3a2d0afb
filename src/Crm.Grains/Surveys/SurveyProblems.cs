using Crm.Domain.Common;

namespace Crm.Grains.Surveys;

internal static class SurveyProblems
{
    public static void ThrowIfAny(IEnumerable<FieldProblem> problems, string prefix = "")
    {
        var errors = problems.Select(p => new FieldError(prefix + p.Field, p.Message)).ToImmutableArray();
        if (errors.Length > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    public static string RequireActor(string actor) =>
        string.IsNullOrWhiteSpace(actor) ? throw new ArgumentException("An actor is required.", nameof(actor)) : actor;
}
