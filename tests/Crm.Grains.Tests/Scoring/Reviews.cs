using Crm.Scoring.Data;

namespace Crm.Grains.Tests.Scoring;

/// <summary>Hand-written zh/en comments, enough to train a model in a second or two.</summary>
internal static class Reviews
{
    public static readonly string[] Satisfied =
    [
        "送餐很快，味道很好，下次还点", "服务态度好，房间干净舒适", "物流快，包装好，质量不错", "客服耐心，问题很快解决了", "非常满意，推荐给朋友",
        "味道好极了，分量足", "快递小哥很热情，准时送达", "东西好用，价格实惠", "Great service, fast delivery", "Friendly staff, would recommend",
        "Quick reply, problem solved, thank you", "Excellent quality, very happy",
    ];

    public static readonly string[] Dissatisfied =
    [
        "送餐太慢了，饭都凉了", "服务态度差，房间很脏", "物流慢，包装破损，质量差", "客服不理人，问题一直没解决", "非常失望，不会再买",
        "味道难吃，分量少", "快递员态度恶劣，晚了两个小时", "东西坏了，要求退款", "Terrible service, slow delivery", "Rude staff, avoid",
        "No reply for days, problem not solved", "Poor quality, very disappointed",
    ];

    public static IReadOnlyList<LabeledText> All { get; } =
    [
        .. Satisfied.Select((t, i) => new LabeledText(t, true, i + 2)),
        .. Dissatisfied.Select((t, i) => new LabeledText(t, false, Satisfied.Length + i + 2)),
    ];

    public static string Csv() => "text,label\n" + string.Concat(All.Select(r => $"\"{r.Text}\",{(r.Positive ? 1 : 0)}\n"));
}
