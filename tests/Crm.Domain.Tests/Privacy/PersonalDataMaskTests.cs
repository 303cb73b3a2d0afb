using Crm.Domain.Privacy;
using FsCheck;
using FsCheck.Xunit;

namespace Crm.Domain.Tests.Privacy;

public sealed class PersonalDataMaskTests
{
    private static readonly Func<string?, string>[] Rules =
        [PersonalDataMask.Email, PersonalDataMask.Phone, PersonalDataMask.Name, PersonalDataMask.Address, PersonalDataMask.FreeText];

    [Theory]
    [InlineData("li.wei@example.com", "l*****@example.com")]
    [InlineData("a@b.cn", "a*****@b.cn")]
    [InlineData("\"odd@local\"@example.com", "\"*****@example.com")]
    [InlineData("😀smile@example.com", "😀*****@example.com")]
    [InlineData("no-at-sign", "***")]
    [InlineData("@example.com", "***")]
    [InlineData("li.wei@", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Email_KeepsFirstCharacterAndDomain(string? value, string expected) => Assert.Equal(expected, PersonalDataMask.Email(value));

    [Theory]
    [InlineData("+8613800138000", "+86*******8000")]
    [InlineData("+86 138 0013 8000", "+86 *** **** 8000")]
    [InlineData("+14155550123", "+1******0123")]
    [InlineData("+85291234567", "+852****4567")]
    [InlineData("13800138000", "*******8000")]
    [InlineData("(021) 5555-0123", "(***) ****-0123")]
    [InlineData("+1234567", "+***4567")]
    [InlineData("123456", "****56")]
    [InlineData("12", "**")]
    [InlineData("tel 13800138000 ext", "*******8000")]
    [InlineData("", "")]
    public void Phone_KeepsCountryCodeAndLastDigits(string value, string expected) => Assert.Equal(expected, PersonalDataMask.Phone(value));

    [Theory]
    [InlineData("Li Wei", "L* W**")]
    [InlineData("张伟", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("Jean-Luc  Picard", "J*******  P*****")]
    [InlineData("A", "A")]
    [InlineData("", "")]
    public void Name_KeepsFirstCharacterOfEachWord(string value, string expected) => Assert.Equal(expected, PersonalDataMask.Name(value));

    [Theory]
    [InlineData("Shanghai Pudong Century Avenue 100", "Shanghai ***")]
    [InlineData("221B Baker Street, London", "***")]
    [InlineData("上海市浦东新区世纪大道100号", "***")]
    [InlineData("上海市 浦东新区 世纪大道", "***")]
    [InlineData("Shanghai", "***")]
    [InlineData("", "")]
    public void Address_KeepsAtMostAFirstWordWithoutNumbers(string value, string expected) => Assert.Equal(expected, PersonalDataMask.Address(value));

    [Theory]
    [InlineData("Call 13800138000 or mail li.wei@example.com.", "Call *******8000 or mail l*****@example.com.")]
    [InlineData("客户电话 +86 138 0013 8000，邮箱 张伟@例子.中国", "客户电话 +86 *** **** 8000，邮箱 张*****@例子.中国")]
    [InlineData("order 1234567 shipped", "order ***4567 shipped")]
    [InlineData("due 2026-11-24, ref 123456", "due 2026-11-24, ref 123456")]
    [InlineData("no personal data", "no personal data")]
    public void FreeText_MasksEmailsAndLongDigitRuns(string value, string expected) => Assert.Equal(expected, PersonalDataMask.FreeText(value));

    [Property(MaxTest = 500)]
    public void EveryRule_AnyString_NeverThrows(string? value)
    {
        foreach (var rule in Rules)
        {
            Assert.NotNull(rule(value));
        }
    }

    [Property(MaxTest = 500)]
    public bool EveryRule_MaskingTwice_ChangesNothingMore(string? value) =>
        Rules.All(rule => rule(rule(value)) == rule(value));

    [Fact]
    public void EveryRule_AwkwardInputs_MaskOnceAndForAll()
    {
        foreach (var value in new[] { "\ud800", "\udc00x", "a\ud800@b.c", "𠀀𠀁 𠀂", "+\ud83d\ude00123456789", "\u0600@x.y", "12345678x", "+86 138-0013-8000 (home)", "Li*" })
        {
            foreach (var rule in Rules)
            {
                Assert.Equal(rule(rule(value)), rule(value));
            }
        }
    }

    [Property]
    public bool Name_WordOfTwoOrMoreCharacters_NeverShowsTheOriginal(NonEmptyString first, NonEmptyString rest)
    {
        var original = Letters(first.Get) + Letters(rest.Get) + "x";
        var masked = PersonalDataMask.Name(original);
        return !masked.Contains(original, StringComparison.Ordinal) && masked[0] == original[0];
    }

    [Fact]
    public void Email_DomainHoldingTheLocalPart_StillMasksTheLocalPart() =>
        // FsCheck found this: the domain shown may repeat the user's letters, and only the local part is hidden.
        Assert.Equal("u*****@uv.example", PersonalDataMask.Email("uv@uv.example"));

    [Property]
    public bool Email_LocalPartOfTwoOrMore_NeverShowsIt(NonEmptyString local, NonEmptyString domain)
    {
        var user = "u" + Letters(local.Get);
        var masked = PersonalDataMask.Email($"{user}@{Letters(domain.Get)}.example");
        // Only the masked local part is checked: the domain is shown and may itself contain the user's letters.
        var maskedLocal = masked[..masked.LastIndexOf('@')];
        return !maskedLocal.Contains(user, StringComparison.Ordinal) && masked.EndsWith($"@{Letters(domain.Get)}.example", StringComparison.Ordinal);
    }

    [Property]
    public bool Phone_SevenOrMoreDigits_ShowsOnlyTheEdges(PositiveInt seed, bool international)
    {
        var digits = new Random(seed.Get).NextInt64(1_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var masked = PersonalDataMask.Phone((international ? "+" : "") + digits);
        var shown = masked.Count(char.IsAsciiDigit);
        return !masked.Contains(digits, StringComparison.Ordinal)
               && masked.EndsWith(digits[^4..], StringComparison.Ordinal)
               && shown <= 7 && digits.Length - shown >= 3;
    }

    [Property]
    public bool FreeText_EmbeddedContacts_NeverShowInClear(string? before, string? after, PositiveInt seed)
    {
        var phone = "1" + new Random(seed.Get).NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var email = "someone" + seed.Get + "@example.com";
        var text = $"{before} {phone} {email} {after}";
        var masked = PersonalDataMask.FreeText(text);
        return !masked.Contains(phone, StringComparison.Ordinal) && !masked.Contains("someone" + seed.Get, StringComparison.Ordinal);
    }

    private static string Letters(string value) => new([.. value.Where(char.IsAsciiLetter).DefaultIfEmpty('a')]);

    // Every two-digit country calling code of ITU-T E.164; every other code starting 2-6, 8 or 9 has three digits.
    private static readonly int[] TwoDigitCodes =
    [
        20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
        51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66,
        81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
    ];

    public static TheoryData<int> TwoDigitPrefixes() =>
        [.. Enumerable.Range(20, 80).Where(p => p / 10 != 7)];

    [Theory]
    [MemberData(nameof(TwoDigitPrefixes))]
    public void Phone_International_KeepsTheWholeCountryCodeOfItsLength(int prefix)
    {
        // +cc then 9 more digits: 11 digits; the country code and the last 4 are shown, the rest masked.
        var masked = PersonalDataMask.Phone($"+{prefix}123456789");

        Assert.Equal(
            TwoDigitCodes.Contains(prefix) ? $"+{prefix}*****6789" : $"+{prefix}1****6789",
            masked);
    }

    [Theory]
    [InlineData("+12025550123", "+1******0123")]
    [InlineData("+74951234567", "+7******4567")]
    [InlineData("+8613800138000", "+86*******8000")]
    [InlineData("  +86 138 0013 8000", "+86 *** **** 8000")]
    [InlineData("+8612345", "+***2345")]
    public void Phone_OneDigitCodesAndSurroundingSpace(string value, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Phone(value));

    [Theory]
    [InlineData(" Shanghai Pudong", "Shanghai ***")]
    [InlineData("Shanghai   Pudong  ", "Shanghai ***")]
    [InlineData("*** Pudong", "***")]
    [InlineData(null, "")]
    public void Address_SpacesAroundWords_DoNotMatter(string? value, string expected) =>
        Assert.Equal(expected, PersonalDataMask.Address(value));

    [Theory]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void FreeText_Empty_IsEmpty(string? value, string expected) => Assert.Equal(expected, PersonalDataMask.FreeText(value));

    [Theory]
    [InlineData(null, "")]
    [InlineData("李 小龙", "李 小*")]
    [InlineData("a\tb", "a\tb")]
    public void Name_EdgeCases(string? value, string expected) => Assert.Equal(expected, PersonalDataMask.Name(value));
}
