using Crm.Domain.Localization;

namespace Crm.Domain.Tests.Localization;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData(" en ", "en")]
    [InlineData("en-US", "en")]
    [InlineData("EN-gb", "en")]
    public void Normalize_KnownLanguage_IsItsCultureName(string input, string expected) =>
        Assert.Equal(expected, Languages.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr")]
    [InlineData("zh-TW")]
    [InlineData("english")]
    public void Normalize_OtherValue_IsNull(string? input) => Assert.Null(Languages.Normalize(input));
}
