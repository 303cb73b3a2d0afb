using System.Text.RegularExpressions;
using System.Xml.Linq;
using Crm.Testing;

namespace Crm.Client.Tests.Localization;

/// <summary>
/// Every resource file of the front end, checked as files: each neutral (English) .resx has a .zh-CN.resx with the
/// same keys and no empty value, each names a real component, and no Chinese value is an English text left as it was.
/// </summary>
public sealed partial class ResourceFilesTests
{
    /// <summary>Texts that read the same in both languages: brands, acronyms, a language's own name.</summary>
    private static readonly HashSet<string> SameInBoth = new(StringComparer.Ordinal) { "Crm", "VIP", "SLA", "English", "CSV", "URL", "API", "Webhook", "OpenAPI", "UTC" };

    private static readonly string ResourcesRoot = Path.Combine(RepositoryRoot.Path, "client", "Crm.Client", "Resources");

    public static TheoryData<string> NeutralFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(ResourcesRoot, "*.resx", SearchOption.AllDirectories).Where(IsNeutral).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(ResourcesRoot, file));
        }

        return data;
    }

    [Fact]
    public void Resources_Exist()
    {
        Assert.True(NeutralFiles().Count >= 3, $"too few resource files under {ResourcesRoot}");
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void ChineseFile_HasTheSameKeysAndNoEmptyValue(string neutral)
    {
        var english = Read(Path.Combine(ResourcesRoot, neutral));
        var chinesePath = Path.Combine(ResourcesRoot, ChineseOf(neutral));
        Assert.True(File.Exists(chinesePath), $"{ChineseOf(neutral)} is missing");
        var chinese = Read(chinesePath);

        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"{ChineseOf(neutral)} lacks '{k}'"));
        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"{neutral} lacks '{k}'"));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{neutral}: '{e.Key}' is empty"));
        Assert.Empty(chinese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"{ChineseOf(neutral)}: '{e.Key}' is empty"));
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void ChineseValues_AreNotEnglishLeftAsItWas(string neutral)
    {
        var english = Read(Path.Combine(ResourcesRoot, neutral));
        var chinese = Read(Path.Combine(ResourcesRoot, ChineseOf(neutral)));
        var untranslated = chinese
            .Where(c => english.TryGetValue(c.Key, out var e) && e == c.Value && HasEnglishWord(c.Value))
            .Select(c => $"{ChineseOf(neutral)}: '{c.Key}' = '{c.Value}'");
        Assert.Empty(untranslated);
    }

    [Theory]
    [MemberData(nameof(NeutralFiles))]
    public void ResourceFile_NamesAComponentOfTheFrontEnd(string neutral)
    {
        // IStringLocalizer<T> finds Resources/<namespace below Crm.Client>/<T>.resx: a file elsewhere is never read.
        var typeName = "Crm.Client." + Path.ChangeExtension(neutral, null).Replace(Path.DirectorySeparatorChar, '.');
        Assert.True(typeof(Crm.Client.ClientHost).Assembly.GetType(typeName) is not null, $"{neutral} matches no type {typeName}");
    }

    [Fact]
    public void EveryChineseFile_HasANeutralFile()
    {
        var orphans = Directory.EnumerateFiles(ResourcesRoot, "*.zh-CN.resx", SearchOption.AllDirectories)
            .Where(f => !File.Exists(f.Replace(".zh-CN.resx", ".resx", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(ResourcesRoot, f));
        Assert.Empty(orphans);
    }

    internal static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static bool IsNeutral(string file) => !Regex.IsMatch(Path.GetFileName(file), @"\.[a-z]{2}(-[A-Za-z]{2,4})?\.resx$");

    private static string ChineseOf(string neutral) => Path.ChangeExtension(neutral, null) + ".zh-CN.resx";

    private static bool HasEnglishWord(string text) =>
        EnglishWord().Matches(text).Any(m => !SameInBoth.Contains(m.Value));

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex EnglishWord();
}
