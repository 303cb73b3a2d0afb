using Bogus;
using Crm.Contracts.Cases;
using Crm.Domain.Cases;

namespace Crm.Cli.Demo;

/// <summary>
/// Made-up cases for the demo customers, so the work queue has something to show on first start: inquiries,
/// complaints and after-sales requests of every category, some major, some already answered or waiting on the
/// customer. Each has a request id, so running the seed again cannot open it twice.
/// </summary>
public static class DemoCases
{
    private static readonly (CaseKind Kind, AfterSalesType? Type, string Category, string Subject, string Description)[] Templates =
    [
        (CaseKind.Inquiry, null, "logistics-delivery", "Where is my parcel?", "Tracking has not moved for three days; the order was paid last Monday."),
        (CaseKind.Inquiry, null, "payment", "Charged twice for one order", "My card statement shows two identical charges for the same order."),
        (CaseKind.Complaint, null, "product-quality", "Blender stopped working after a week", "The motor makes a burning smell and then stops."),
        (CaseKind.Complaint, null, "service-attitude", "Rude answer on the hotline", "The agent hung up on me when I asked about my refund."),
        (CaseKind.Complaint, null, "platform-fault", "App crashes at checkout", "Every time I press Pay the app closes; tried three times."),
        (CaseKind.AfterSales, AfterSalesType.Return, "returns-refunds", "Return a jacket that does not fit", "Size L is too small; I would like to return it."),
        (CaseKind.AfterSales, AfterSalesType.Exchange, "returns-refunds", "Exchange shoes for a larger size", "Please exchange size 40 for size 41, same colour."),
        (CaseKind.AfterSales, AfterSalesType.Refund, "returns-refunds", "Refund for a missing item", "The box arrived without the charger that was in the order."),
        (CaseKind.Inquiry, null, "other", "Can I change the delivery address?", "I am moving next week and the order has not shipped yet."),
    ];

    private static readonly string[] Replies =
    [
        "Thank you for reaching out. I am looking into this now and will get back to you shortly.",
        "Sorry for the trouble. Could you send a photo of the item and the order number?",
    ];

    public sealed record DemoCase(NewCase Report, string? Reply, CaseAction? Then);

    public static IReadOnlyList<DemoCase> Generate(IReadOnlyList<string> customerIds, int seed = 20261124)
    {
        var random = new Randomizer(seed);
        var cases = new List<DemoCase>();
        for (var i = 0; i < customerIds.Count; i += 2)
        {
            var (kind, type, category, subject, description) = random.ArrayElement(Templates);
            var report = new NewCase(
                customerIds[i], kind, subject, description,
                random.Bool(0.15f) ? CaseSeverity.Major : CaseSeverity.Normal,
                category,
                random.Enum<CaseChannel>(),
                type,
                kind == CaseKind.AfterSales || random.Bool(0.5f) ? "SO-" + random.ReplaceNumbers("2026######") : null,
                RequestId: $"demo-case-{i}");
            var answered = random.Int(0, 2);
            cases.Add(answered switch
            {
                1 => new DemoCase(report, Replies[0], CaseAction.StartWork),
                2 => new DemoCase(report, Replies[1], CaseAction.WaitOnCustomer),
                _ => new DemoCase(report, null, null),
            });
        }

        return cases;
    }
}
