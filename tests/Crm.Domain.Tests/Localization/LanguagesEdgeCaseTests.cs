using Crm.Domain.Localization;

namespace Crm.Domain.Tests.Localization;

/// <summary>The edges of <see cref="Languages.Normalize"/> that mutation testing found untested.</summary>
public sealed class LanguagesEdgeCaseTests
{
    [Theory]
    [InlineData("zh-SG", "zh-CN")]
    [InlineData("ZH-sg", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("ZH", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("  zh  ", "zh-CN")]
    public void Normalize_OtherSpellings_AreTheirCultureName(string input, string expected) =>
        Assert.Equal(expected, Languages.Normalize(input));

    [Theory]
    [InlineData("   ")]
    [InlineData("enx")]
    [InlineData("zhx")]
    [InlineData("zh-Hant")]
    [InlineData("zh-SGX")]
    [InlineData("xen-US")]
    public void Normalize_LookAlikes_AreNull(string input) => Assert.Null(Languages.Normalize(input));

    [Fact]
    public void All_IsEnglishThenChinese_AndEnglishIsTheDefault()
    {
        Assert.Equal(["en", "zh-CN"], Languages.All);
        Assert.Equal("en", Languages.Default);
        Assert.All(Languages.All, l => Assert.Equal(l, Languages.Normalize(l)));
    }
}
