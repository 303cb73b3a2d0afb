using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Crm.Storage.AzureTables.Tests;

/// <summary><see cref="TableKey"/> is reversible and only ever produces characters Azure accepts in keys.</summary>
public sealed class TableKeyTests
{
    [Property(MaxTest = 1000, Arbitrary = [typeof(TrickyStrings)])]
    public bool EscapeUnescape_TrickyString_RoundTrips(string value) =>
        TableKey.Unescape(TableKey.Escape(value)) == value;

    [Property(MaxTest = 1000, Arbitrary = [typeof(TrickyStrings)])]
    public bool Escape_TrickyString_HasNoForbiddenCharacter(string value) =>
        !TableKey.Escape(value).Any(IsForbidden);

    [Property(MaxTest = 1000, Arbitrary = [typeof(TrickyStrings)])]
    public Property Escape_DistinctStrings_GiveDistinctKeys(string first, string second) =>
        (TableKey.Escape(first) != TableKey.Escape(second)).When(first != second);

    [Property(MaxTest = 300)]
    public bool EscapeUnescape_AnyString_RoundTrips(NonNull<string> value) =>
        TableKey.Unescape(TableKey.Escape(value.Get)) == value.Get;

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b", "a%5Cb")]
    [InlineData("a#b", "a%23b")]
    [InlineData("a?b", "a%3Fb")]
    [InlineData("a%b", "a%25b")]
    [InlineData("a\tb", "a%09b")]
    [InlineData("a\u007Fb", "a%7Fb")]
    [InlineData("a\u0085b", "a%85b")]
    [InlineData("tenant-Кириллица_ok", "tenant-Кириллица_ok")]
    public void Escape_Value_GivesExpectedKey(string value, string expected) =>
        Assert.Equal(expected, TableKey.Escape(value));

    [Fact]
    public void Escape_SlashAndItsEscapedSpelling_Differ() =>
        Assert.NotEqual(TableKey.Escape("a/b"), TableKey.Escape("a%2Fb"));

    [Fact]
    public void Escape_OverAzureKeyLength_Throws() =>
        Assert.Throws<ArgumentException>(() => TableKey.Escape(new string('/', 400)));

    [Fact]
    public void Unescape_TruncatedEscape_Throws() =>
        Assert.Throws<FormatException>(() => TableKey.Unescape("a%2"));

    private static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);

    /// <summary>Strings drawn mostly from the characters the escaping is about, so collisions would show up.</summary>
    public static class TrickyStrings
    {
        private static readonly char[] Alphabet =
        [
            'a', 'b', '_', '2', 'F', '5', 'C', '%', '/', '\\', '#', '?', '|', ' ', '\'',
            '\u0000', '\u0009', '\u001F', '\u007F', '\u0085', '\u009F', 'я', 'é', '\uD83D', '\uDE80',
        ];

        public static Arbitrary<string> String() =>
            Gen.Elements(Alphabet).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
    }
}
