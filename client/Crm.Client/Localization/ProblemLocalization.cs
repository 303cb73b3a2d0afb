using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// Puts every problem details answer (thrown, returned, or a bare status code) in the request's language: title,
/// detail and each field's messages. The exception handler runs outside request localization, so the culture is
/// read from the request's culture feature rather than the thread.
/// </summary>
public static class ProblemLocalization
{
    public static void Apply(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var culture = http.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var texts = http.RequestServices.GetRequiredService<ProblemTexts>();
        var problem = context.ProblemDetails;
        problem.Title = problem.Title is null ? null : texts.Translate(problem.Title, culture);
        problem.Detail = problem.Detail is null ? null : texts.Translate(problem.Detail, culture);
        if (problem is HttpValidationProblemDetails validation)
        {
            foreach (var field in validation.Errors.Keys.ToList())
            {
                validation.Errors[field] = [.. validation.Errors[field].Select(m => texts.Translate(m, culture))];
            }
        }
    }
}
