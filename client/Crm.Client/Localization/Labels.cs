using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Crm.Contracts.Customers;
using Crm.Contracts.ServiceDesk;
using Crm.Domain.Cases;
using Crm.Domain.Sla;
using Crm.Domain.Surveys;
using Microsoft.Extensions.Localization;

namespace Crm.Client.Localization;

/// <summary>
/// The one place enum and category labels come from (<c>Resources/Localization/Labels*.resx</c>, keys
/// "<c>EnumType.Value</c>" and "<c>Category.slug</c>"), so a status reads the same on every page, in either language,
/// and a raw enum name never reaches a page. A missing key shows as the key itself, which the page tests catch.
/// </summary>
public sealed class Labels(IStringLocalizer<Labels> text)
{
    /// <summary>Every enum a page labels; a test checks each value has a label in both languages.</summary>
    public static readonly IReadOnlyList<Type> LabelledEnums =
    [
        typeof(CaseStatus), typeof(CaseAction), typeof(CaseKind), typeof(AfterSalesType), typeof(CaseSeverity), typeof(CaseChannel),
        typeof(CaseEventType), typeof(SlaTarget), typeof(SlaStatus), typeof(AssignmentMode), typeof(Role), typeof(CustomerTier),
        typeof(ArchiveEntryKind), typeof(ContactChannelKind), typeof(WebhookDeliveryState), typeof(DeskNotificationKind),
        typeof(AuditAction), typeof(AuditTargetType), typeof(SurveySource), typeof(ResultsBreakdown), typeof(Crm.Contracts.Scoring.CommentTone),
        typeof(Crm.Contracts.Scoring.RetrainingSchedule), typeof(Crm.Contracts.Scoring.TrainingJobStatus),
    ];

    public string Of<TEnum>(TEnum value) where TEnum : struct, Enum => text[Key(value)];

    /// <summary>The resource key of an enum value's label.</summary>
    public static string Key<TEnum>(TEnum value) where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{value}";

    /// <summary>"After-sales · Refund" when the after-sales type is known.</summary>
    public string Kind(CaseKind kind, AfterSalesType? type = null) =>
        kind == CaseKind.AfterSales && type is { } t ? $"{Of(kind)} · {Of(t)}" : Of(kind);

    /// <summary>
    /// A category's label: the default categories are translated; one a tenant admin made up is shown as they wrote it
    /// ("gift-wrap" → "Gift wrap"), since it is their data, not ours.
    /// </summary>
    public string Category(string? slug)
    {
        if (string.IsNullOrEmpty(slug))
        {
            return "";
        }

        var label = text["Category." + slug];
        return label.ResourceNotFound ? CaseCategories.Label(slug) : label.Value;
    }

    /// <summary>A language's name in that language ("English", "中文"), as language switches show it.</summary>
    public string Language(string culture) => text["Language." + culture];
}
