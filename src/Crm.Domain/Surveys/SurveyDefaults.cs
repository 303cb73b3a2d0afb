namespace Crm.Domain.Surveys;

/// <summary>What a new survey starts with; the tenant edits every list.</summary>
public static class SurveyDefaults
{
    /// <summary>The service dimensions the contract names.</summary>
    public static readonly IReadOnlyList<SurveyChoice> Dimensions =
    [
        new("product-quality", new("Product quality", "商品质量")),
        new("logistics-delivery", new("Logistics and delivery", "物流配送")),
        new("service-attitude", new("Service attitude", "服务态度")),
        new("after-sales", new("After-sales handling", "售后处理")),
        new("response-speed", new("Response speed", "响应速度")),
    ];

    /// <summary>Why a rating was low, offered when it is (as Zendesk does): the usual causes, and "other".</summary>
    public static readonly IReadOnlyList<SurveyChoice> Reasons =
    [
        new("slow-response", new("It took too long to get an answer", "回复太慢")),
        new("not-resolved", new("My problem was not solved", "问题没有解决")),
        new("unfriendly", new("The staff were not friendly", "客服态度不好")),
        new("delivery", new("Delivery or logistics problems", "物流或配送有问题")),
        new("product", new("Problems with the product itself", "商品本身有问题")),
        new("other", new("Something else", "其他原因")),
    ];

    public static readonly LocalizedText Title = new("How did we do?", "您对我们的服务满意吗？");

    public static readonly LocalizedText Intro = new(
        "Thank you for contacting us. Your answers help us serve you better; it takes under a minute.",
        "感谢您联系我们。您的评价将帮助我们改进服务，大约只需一分钟。");

    public static SurveyDefinition Definition(SurveyLanguage language = SurveyLanguage.ZhCn) => new()
    {
        Title = Title,
        Intro = Intro,
        Language = language,
        Dimensions = [.. Dimensions],
        AskNps = true,
        Reasons = [.. Reasons],
        AskComment = true,
    };
}
