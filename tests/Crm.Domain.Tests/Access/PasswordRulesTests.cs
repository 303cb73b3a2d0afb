using Crm.Domain.Access;

namespace Crm.Domain.Tests.Access;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short-pw")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public void Check_WeakPassword_NamesTheField(string? password) =>
        Assert.Equal("password", PasswordRules.Check(password)?.Field);

    [Fact]
    public void Check_TooLong_IsRefused() =>
        Assert.NotNull(PasswordRules.Check(new string('x', 64) + new string('y', 65)));

    [Fact]
    public void Check_LongPassphrase_Passes() => Assert.Null(PasswordRules.Check("correct horse battery"));

    [Fact]
    public void Generate_GivesDistinctPasswordsThatPassTheRules()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordRules.Generate()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p => Assert.Null(PasswordRules.Check(p)));
    }

    [Theory]
    [InlineData(null, "A password is required.")]
    [InlineData("abcdefghijk", "At least 12 characters.")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa", "Use more than three different characters.")]
    [InlineData("abcabcabcabc", "Use more than three different characters.")]
    public void Check_WeakPassword_SaysWhy(string? password, string message) =>
        Assert.Equal(("pin", message), PasswordRules.Check(password, "pin") is { } p ? (p.Field, p.Message) : default);

    [Fact]
    public void Check_Lengths_TwelveToOneHundredTwentyEightAndFourDifferentCharacters()
    {
        Assert.Null(PasswordRules.Check("abcdabcdabcd"));
        Assert.Null(PasswordRules.Check("abcd" + new string('x', 124)));
        Assert.Equal("At most 128 characters.", PasswordRules.Check("abcd" + new string('x', 125))?.Message);
        Assert.Equal((12, 128), (PasswordRules.MinLength, PasswordRules.MaxLength));
    }
}
