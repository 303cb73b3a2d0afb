using Crm.Scoring.Data;

namespace Crm.Scoring.Tests.Fixtures;

/// <summary>Hand-written zh/en reviews, small enough to train on in a unit test in about a second.</summary>
internal static class TinyReviews
{
    public static readonly string[] Satisfied =
    [
        "送餐很快，味道很好，下次还点", "服务态度好，房间干净舒适", "物流快，包装好，质量不错", "客服耐心，问题很快解决了", "非常满意，推荐给朋友",
        "味道好极了，分量足", "酒店位置好，早餐丰富", "快递小哥很热情，准时送达", "东西好用，价格实惠", "好评，下次还来",
        "Great service, fast delivery", "The food was delicious and hot", "Friendly staff, clean room, would recommend", "Quick reply, problem solved, thank you",
        "Excellent quality, very happy", "Love it, works perfectly", "Arrived early and well packed", "Helpful agent, great experience",
    ];

    public static readonly string[] Dissatisfied =
    [
        "送餐太慢了，饭都凉了", "服务态度差，房间很脏", "物流慢，包装破损，质量差", "客服不理人，问题一直没解决", "非常失望，不会再买",
        "味道难吃，分量少", "酒店隔音差，早餐难吃", "快递员态度恶劣，晚了两个小时", "东西坏了，要求退款", "差评，再也不来了",
        "Terrible service, slow delivery", "The food was cold and bland", "Rude staff, dirty room, avoid", "No reply for days, problem not solved",
        "Poor quality, very disappointed", "Hate it, broke after one day", "Arrived late and damaged", "Useless agent, awful experience",
    ];

    public static IReadOnlyList<LabeledText> All { get; } =
    [
        .. Satisfied.Select((t, i) => new LabeledText(t, true, i + 2)),
        .. Dissatisfied.Select((t, i) => new LabeledText(t, false, Satisfied.Length + i + 2)),
    ];

    /// <summary>The same rows as a CSV file with the given header names.</summary>
    public static string Csv(string textColumn = "review", string labelColumn = "label") =>
        $"{labelColumn},{textColumn}\n" + string.Concat(All.Select(r => $"{(r.Positive ? 1 : 0)},\"{r.Text.Replace("\"", "\"\"")}\"\n"));
}
