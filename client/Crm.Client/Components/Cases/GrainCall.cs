using Crm.Contracts.Common;
using Crm.Client.Localization;
using MudBlazor;

namespace Crm.Client.Components.Cases;

/// <summary>
/// Runs a grain call from a page and turns the expected failures into what the user sees: field errors beside the
/// fields (when the page has them), otherwise a snackbar with the grain's message; an outage is a "reconnecting" notice.
/// Unexpected failures propagate.
/// </summary>
internal static class GrainCall
{
    /// <summary>What a page says during an outage; its key in <c>ProblemTexts</c>.</summary>
    public const string ReconnectingMessage = "The service is reconnecting. Please try again in a moment.";

    /// <param name="problems">Translates the grain's English messages into the page's language; pass it, or they stay English.</param>
    public static Task<bool> TryAsync(ISnackbar snackbar, Func<Task> call, FieldErrors? fields = null, ProblemTexts? problems = null) =>
        TryAsync((message, severity) => snackbar.Add(message, severity), call, fields, problems);

    /// <summary>As above, with the message handed to <paramref name="report"/> (a bulk action shows it on its row).</summary>
    public static async Task<bool> TryAsync(Action<string, Severity> report, Func<Task> call, FieldErrors? fields = null, ProblemTexts? problems = null)
    {
        string T(string message) => problems?.Translate(message) ?? message;
        fields?.Clear();
        try
        {
            await call();
            return true;
        }
        catch (ValidationFailedException ex)
        {
            if (fields is not null)
            {
                fields.Set(ex.Errors.Select(e => e with { Message = T(e.Message) }));
            }
            else
            {
                report(string.Join(" ", ex.Errors.Select(e => T(e.Message))), Severity.Error);
            }
        }
        catch (CrmProblemException ex) when (ex is ConflictException or PreconditionFailedException)
        {
            report(T(ex.Message), Severity.Warning);
        }
        catch (NotFoundException ex)
        {
            report(T(ex.Message), Severity.Warning);
        }
        catch (ForbiddenException ex)
        {
            report(T(ex.Message), Severity.Error);
        }
        catch (Exception ex) when (Infrastructure.ClusterOutage.IsOutage(ex))
        {
            // A silo restarting or the storage out of reach: the page stays, and the same action can simply be repeated.
            report(T(ReconnectingMessage), Severity.Warning);
        }

        return false;
    }
}

/// <summary>A form's field errors by the grain's field name ("subject", "calendar.timeZoneId", …).</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public void Clear() => _errors.Clear();

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var earlier) ? $"{earlier} {message}" : message;

    public void Set(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(error.Field, error.Message);
        }
    }

    /// <summary>Puts messages a form added itself (parsing, in English) into the page's language.</summary>
    public void Translate(ProblemTexts problems)
    {
        foreach (var field in _errors.Keys.ToList())
        {
            _errors[field] = problems.Translate(_errors[field]);
        }
    }

    public bool Has(string field) => Text(field) is not null;

    /// <summary>The messages for a field and its parts (e.g. "calendar.hours[0]" under "calendar.hours").</summary>
    public string? Text(string field)
    {
        var messages = _errors.Where(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase)
                                          || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
                                          || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Value).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Errors no field of the form shows, so they are not lost.</summary>
    public IEnumerable<string> Except(params string[] shown) =>
        _errors.Where(e => !shown.Any(f => e.Key.Equals(f, StringComparison.OrdinalIgnoreCase)
                                           || e.Key.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase)
                                           || e.Key.StartsWith(f + "[", StringComparison.OrdinalIgnoreCase)))
            .Select(e => $"{e.Key}: {e.Value}");
}
