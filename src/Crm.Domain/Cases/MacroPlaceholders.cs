using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Crm.Domain.Common;

namespace Crm.Domain.Cases;

/// <summary>The values a macro's placeholders take for one case and one agent; null when there is none to give.</summary>
public sealed record MacroValues(string? CustomerName, string? OrderReference, string? Subject, string? AgentName);

/// <summary>A macro's text with its placeholders filled, and those left as written for the agent to fill by hand.</summary>
public sealed record MacroExpansion(string Text, ImmutableArray<string> Unfilled);

/// <summary>
/// A small fixed set of placeholders in macro bodies, written <c>{customer.name}</c>. They are filled when an agent
/// inserts a macro, so the agent reads and edits the real text before it is sent; nothing is filled at sending time.
/// Only a brace pair around a name (letters first, words joined by dots) is a placeholder; other braces are left alone.
/// </summary>
public static partial class MacroPlaceholders
{
    public const string CustomerName = "customer.name";
    public const string OrderReference = "case.orderReference";
    public const string Subject = "case.subject";
    public const string AgentName = "agent.name";

    /// <summary>Every placeholder a macro may use, in the order the help text lists them.</summary>
    public static readonly ImmutableArray<string> Known = [CustomerName, OrderReference, Subject, AgentName];

    /// <summary>The placeholders <paramref name="body"/> uses that are not <see cref="Known"/>, each once, in order.</summary>
    public static ImmutableArray<string> Unknown(string? body) =>
        [.. Names(body).Where(n => !Known.Contains(n)).Distinct()];

    /// <summary>Null when every placeholder in <paramref name="body"/> is known; else a problem naming the first unknown one.</summary>
    public static FieldProblem? Check(string field, string? body) =>
        Unknown(body) is [var first, ..]
            ? new(field, $"Unknown placeholder {{{first}}}; use {string.Join(", ", Known.Select(k => "{" + k + "}"))}.")
            : null;

    /// <summary>
    /// Fills each known placeholder that has a value. One without a value (no order reference, or a name this user may
    /// not see) and an unknown one stay as written, visible, and are listed in <see cref="MacroExpansion.Unfilled"/>.
    /// </summary>
    public static MacroExpansion Expand(string body, MacroValues values)
    {
        var unfilled = new List<string>();
        var text = Placeholder().Replace(body, match =>
        {
            var name = match.Groups[1].Value;
            if (ValueOf(name, values) is { Length: > 0 } value)
            {
                return value;
            }

            if (!unfilled.Contains(name))
            {
                unfilled.Add(name);
            }

            return match.Value;
        });
        return new(text, [.. unfilled]);
    }

    private static string? ValueOf(string name, MacroValues values) => name switch
    {
        CustomerName => values.CustomerName?.Trim(),
        OrderReference => values.OrderReference?.Trim(),
        Subject => values.Subject?.Trim(),
        AgentName => values.AgentName?.Trim(),
        _ => null,
    };

    private static IEnumerable<string> Names(string? body) =>
        string.IsNullOrEmpty(body) ? [] : Placeholder().Matches(body).Select(m => m.Groups[1].Value);

    // A name is words of letters and digits, joined by dots: "{customer.name}" and "{name}" are placeholders, "{0}" and "{ }" are not.
    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
