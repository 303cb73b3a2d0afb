using System.Globalization;
using Crm.Domain.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Crm.Client.Localization;

/// <summary>
/// MudBlazor's own texts (aria labels such as "Close", "Breadcrumb", "Increment") in Chinese, from
/// <c>Resources/Localization/CrmMudLocalizer*.resx</c>; in English MudBlazor's built-in texts apply.
/// </summary>
public sealed class CrmMudLocalizer(IStringLocalizer<CrmMudLocalizer> text) : MudLocalizer
{
    public override LocalizedString this[string key] =>
        Languages.Normalize(CultureInfo.CurrentUICulture.Name) == Languages.Chinese && text[key] is { ResourceNotFound: false } translated
            ? translated
            : new LocalizedString(key, key, resourceNotFound: true);
}
