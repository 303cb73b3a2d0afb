using System.Globalization;
using Crm.Client.Localization;
using Crm.Domain.Cases;
using Crm.Domain.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Crm.Client.Tests.Localization;

/// <summary>The one place of labels, read through the real resource manager as pages read it.</summary>
public sealed class LabelsTests
{
    private static readonly IStringLocalizerFactory Factory =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);

    private static readonly Labels Labels = new(new StringLocalizer<Labels>(Factory));

    public static TheoryData<string> Cultures() => [.. Languages.All];

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryEnumValue_HasALabel(string culture)
    {
        using var _ = new CultureScope(culture);
        var localizer = new StringLocalizer<Labels>(Factory);
        var missing = Labels.LabelledEnums
            .SelectMany(type => Enum.GetNames(type).Select(name => $"{type.Name}.{name}"))
            .Where(key => localizer[key].ResourceNotFound);
        Assert.Empty(missing);
    }

    [Fact]
    public void ChineseLabels_AreChinese()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("等待客户回复", Labels.Of(CaseStatus.WaitingOnCustomer));
        Assert.Equal("按负载最少分配", Labels.Of(Crm.Contracts.ServiceDesk.AssignmentMode.LeastLoaded));
        Assert.Equal("售后 · 退款", Labels.Kind(CaseKind.AfterSales, AfterSalesType.Refund));
        Assert.Equal("商品质量", Labels.Category("product-quality"));
    }

    [Fact]
    public void EnglishLabels_ReadAsWords()
    {
        using var _ = new CultureScope(Languages.English);
        Assert.Equal("Waiting on customer", Labels.Of(CaseStatus.WaitingOnCustomer));
        Assert.Equal("Least loaded", Labels.Of(Crm.Contracts.ServiceDesk.AssignmentMode.LeastLoaded));
        Assert.Equal("Product quality", Labels.Category("product-quality"));
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void EveryDefaultCategory_IsTranslated(string culture)
    {
        using var _ = new CultureScope(culture);
        var localizer = new StringLocalizer<Labels>(Factory);
        Assert.DoesNotContain(CaseCategories.Defaults, c => localizer["Category." + c].ResourceNotFound);
    }

    [Fact]
    public void TenantMadeCategory_ShowsAsWritten()
    {
        using var _ = new CultureScope(Languages.Chinese);
        Assert.Equal("Gift wrap", Labels.Category("gift-wrap"));
    }

    [Fact]
    public void LanguageNames_AreEachInTheirOwnLanguage()
    {
        using var _ = new CultureScope(Languages.English);
        Assert.Equal("中文", Labels.Language(Languages.Chinese));
        Assert.Equal("English", Labels.Language(Languages.English));
    }
}

/// <summary>Sets the thread's culture for one test, as request localization sets it for one request.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
