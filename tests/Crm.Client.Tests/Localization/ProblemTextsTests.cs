using System.Globalization;
using Crm.Client.Localization;
using Crm.Domain.Access;
using Crm.Domain.Cases;
using Crm.Domain.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Crm.Client.Tests.Localization;

public sealed class ProblemTextsTests
{
    private static readonly IStringLocalizerFactory Factory =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static readonly ProblemTexts Texts = new(new StringLocalizer<ProblemTexts>(Factory), new Labels(new StringLocalizer<Labels>(Factory)));

    [Fact]
    public void Translate_FixedMessage_IsItsChinese()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("邮箱地址格式不正确。", Texts.Translate("Not a valid email address."));
        Assert.Equal("部分字段填写有误。", Texts.Translate("One or more fields are invalid."));
    }

    [Fact]
    public void Translate_RuleWithAValue_KeepsTheValue()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal($"至少 {PasswordRules.MinLength} 个字符。", Texts.Translate(PasswordRules.Check("short")!.Message));
        Assert.Equal("用户名“li-wei”已被占用。", Texts.Translate("The username 'li-wei' is taken."));
    }

    [Fact]
    public void Translate_StatusInsideAMessage_ReadsAsItsLabel()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("工单当前为“已解决”，请先重开再回复。", Texts.Translate($"The case is {CaseStatus.Resolved}; reopen it before replying."));
    }

    [Fact]
    public void Translate_LifecycleRefusal_IsChinese()
    {
        using var _ = new CultureScope(Languages.Chinese);
        var refusal = CaseLifecycle.Transition(CaseStatus.Closed, CaseAction.Resolve);
        Assert.NotNull(refusal.Error);
        Assert.Equal("工单当前为“已关闭”，不能执行此操作。", Texts.Translate(refusal.Error));
    }

    [Fact]
    public void Translate_English_IsTheMessageAsItWas()
    {
        using var _ = new CultureScope(Languages.English);
        Assert.Equal("At most 200 characters.", Texts.Translate("At most 200 characters."));
        Assert.Equal("Something nobody wrote down.", Texts.Translate("Something nobody wrote down."));
    }

    [Fact]
    public void Translate_GivenCulture_WinsOverTheThreads()
    {
        using var _ = new CultureScope(Languages.English);
        Assert.Equal("未找到。", Texts.Translate("Not found.", CultureInfo.GetCultureInfo(Languages.Chinese)));
        Assert.Equal(Languages.English, CultureInfo.CurrentUICulture.Name);
    }
}
