using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Crm.Client.Models;

/// <summary>
/// A stored model's featurization (as <c>SentimentOptions.ToString()</c> writes it beside the model) in the reader's
/// language; a text of another shape is shown as it is, so nothing stored is hidden.
/// </summary>
public static partial class FeaturizationText
{
    public static string Describe(string featurization, IStringLocalizer text)
    {
        var m = Shape().Match(featurization);
        if (!m.Success)
        {
            return featurization;
        }

        var parts = new List<string>();
        var features = m.Groups["features"].Value;
        if (features is "Words" or "WordsAndChars")
        {
            parts.Add(text["Featurization.Words", m.Groups["words"].Value]);
        }

        if (features is "Chars" or "WordsAndChars")
        {
            parts.Add(text["Featurization.Chars", m.Groups["chars"].Value]);
        }

        if (m.Groups["lexicon"].Success)
        {
            parts.Add(text["Featurization.Lexicon"]);
        }

        if (m.Groups["tfidf"].Success)
        {
            parts.Add(text["Featurization.TfIdf"]);
        }

        if (m.Groups["nb"].Success)
        {
            parts.Add(text["Featurization.LogCountRatio"]);
        }

        if (m.Groups["negation"].Success)
        {
            parts.Add(text["Featurization.Negation"]);
        }

        var learner = m.Groups["trainer"].Value switch
        {
            "Lbfgs" => text["Featurization.Lbfgs", m.Groups["l2"].Value],
            "Sdca" => text["Featurization.Sdca"],
            "AveragedPerceptron" => text["Featurization.Perceptron"],
            var other => new LocalizedString(other, other),
        };
        return text["Featurization.Value", string.Join(text["Featurization.And"], parts), learner];
    }

    [GeneratedRegex(@"^(?<features>Chars|Words|WordsAndChars) \(chars 1-(?<chars>\d+), words 1-(?<words>\d+)\), (?<trainer>\w+)(?: \(L2 (?<l2>[0-9.eE+-]+)\))?(?<lexicon>, lexicon cues)?(?<tfidf>, TF-IDF)?(?<nb>, log-count-ratio weights)?(?<negation>, negation scope)?$")]
    private static partial Regex Shape();
}
