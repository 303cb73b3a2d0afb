using Crm.Domain.Cases;

namespace Crm.Domain.Tests.Cases;

/// <summary>The intake rules of a new case: how a report is stored, and each field rule alone.</summary>
public sealed class CaseIntakeTests
{
    private static readonly string[] Categories = ["other", "delivery"];

    private static readonly CaseReport Good = new(
        "c-1", CaseKind.Inquiry, "Where is my parcel?", "Ordered a week ago.", CaseSeverity.Normal, "delivery", CaseChannel.Web, null, null, null, null);

    private static string[] Fields(CaseReport report) => [.. CaseIntake.Check(report, Categories).Select(p => p.Field)];

    [Fact]
    public void Normalize_TrimsAndLowerCases_OtherWhenNoCategory()
    {
        var stored = CaseIntake.Normalize(Good with
        {
            CustomerId = " c-1 ", Subject = "  Hi ", Description = " There\n", Category = null, OrderReference = "  ", RequestId = " r-1 ", Assignee = " Li-Wei ",
        });

        Assert.Equal(("c-1", "Hi", "There", "other", (string?)null, "r-1", "li-wei"),
            (stored.CustomerId, stored.Subject, stored.Description, stored.Category, stored.OrderReference, stored.RequestId, stored.Assignee));
        Assert.Equal(("delivery", "O-9"), (CaseIntake.Normalize(Good with { Category = " Delivery ", OrderReference = " O-9 " }).Category,
            CaseIntake.Normalize(Good with { OrderReference = " O-9 " }).OrderReference));
    }

    [Fact]
    public void Normalize_Nulls_BecomeEmptyTextAndNoAssignee()
    {
        var stored = CaseIntake.Normalize(Good with { CustomerId = null, Subject = null, Description = null, RequestId = null, Assignee = "  " });

        Assert.Equal(("", "", "", (string?)null, (string?)null), (stored.CustomerId, stored.Subject, stored.Description, stored.RequestId, stored.Assignee));
    }

    [Fact]
    public void Check_AGoodReport_HasNoProblem() => Assert.Empty(Fields(Good));

    [Fact]
    public void Check_AGoodAfterSalesReport_HasNoProblem() =>
        Assert.Empty(Fields(Good with { Kind = CaseKind.AfterSales, AfterSalesType = AfterSalesType.Refund, OrderReference = new string('o', CaseText.MaxOrderReference) }));

    [Fact]
    public void Check_EveryBadField_IsNamed_InFieldOrder()
    {
        var problems = CaseIntake.Check(
            new CaseReport("c-1", (CaseKind)9, "", new string('x', CaseText.MaxBody + 1), (CaseSeverity)9, "nope", (CaseChannel)9, null, null, null, null), Categories);

        Assert.Equal(["kind", "subject", "description", "severity", "channel", "category"], problems.Select(p => p.Field));
        Assert.Equal("One of this tenant's categories: other, delivery.", problems.Single(p => p.Field == "category").Message);
        Assert.Equal($"At most {CaseText.MaxBody} characters.", problems.Single(p => p.Field == "description").Message);
    }

    [Fact]
    public void Check_NoCategory_IsRefused() => Assert.Equal(["category"], Fields(Good with { Category = null }));

    [Fact]
    public void Check_AfterSales_NeedsTypeAndOrder()
    {
        var problems = CaseIntake.Check(Good with { Kind = CaseKind.AfterSales }, Categories);

        Assert.Equal(
            [("afterSalesType", "An after-sales case is a return, exchange or refund."), ("orderReference", "An after-sales case needs the order reference.")],
            problems.Select(p => (p.Field, p.Message)));
        Assert.Equal(["afterSalesType"], Fields(Good with { Kind = CaseKind.AfterSales, AfterSalesType = (AfterSalesType)9, OrderReference = "O-1" }));
    }

    [Fact]
    public void Check_AnAfterSalesTypeOnAnotherKind_IsRefused() =>
        Assert.Equal(("afterSalesType", "Only after-sales cases have one."),
            CaseIntake.Check(Good with { AfterSalesType = AfterSalesType.Return }, Categories).Select(p => (p.Field, p.Message)).Single());

    [Theory]
    [InlineData(CaseText.MaxOrderReference + 1, false)]
    [InlineData(3, true)]
    public void Check_OrderReference_LimitAndControlCharacters(int length, bool control)
    {
        var order = new string('o', length) + (control ? "\u0007" : "");

        Assert.Equal(("orderReference", $"At most {CaseText.MaxOrderReference} characters, no control characters."),
            CaseIntake.Check(Good with { OrderReference = order }, Categories).Select(p => (p.Field, p.Message)).Single());
    }
}
