using Crm.Domain.Cases;

namespace Crm.Domain.Tests.Cases;

public sealed class CustomerCaseOrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private sealed record Row(string Id, CaseStatus Status, bool Merged, int? DueInHours, int OpenedHour, int UpdatedHour);

    [Fact]
    public void Order_OpenByNearestDeadline_ThenUndated_ThenFinishedByLastChange()
    {
        Row[] rows =
        [
            new("resolved-late", CaseStatus.Resolved, false, null, 1, 9),
            new("open-due-5", CaseStatus.InProgress, false, 5, 2, 3),
            new("closed-early", CaseStatus.Closed, false, null, 0, 4),
            new("merged", CaseStatus.InProgress, true, 1, 3, 6),
            new("open-undated-old", CaseStatus.WaitingOnCustomer, false, null, 1, 2),
            new("open-due-2", CaseStatus.New, false, 2, 5, 5),
            new("open-undated-new", CaseStatus.Reopened, false, null, 4, 4),
        ];

        var ordered = CustomerCaseOrder.Order(rows, r => r.Status, r => r.Merged, r => r.DueInHours is { } h ? T0.AddHours(h) : null,
            r => T0.AddHours(r.OpenedHour), r => T0.AddHours(r.UpdatedHour)).Select(r => r.Id);

        Assert.Equal(["open-due-2", "open-due-5", "open-undated-new", "open-undated-old", "resolved-late", "merged", "closed-early"], ordered);
    }

    [Theory]
    [InlineData(CaseStatus.New, false, true)]
    [InlineData(CaseStatus.Acknowledged, false, true)]
    [InlineData(CaseStatus.InProgress, false, true)]
    [InlineData(CaseStatus.WaitingOnCustomer, false, true)]
    [InlineData(CaseStatus.Reopened, false, true)]
    [InlineData(CaseStatus.Resolved, false, false)]
    [InlineData(CaseStatus.Closed, false, false)]
    [InlineData(CaseStatus.InProgress, true, false)]
    public void IsOpen_ByStatusAndMerge(CaseStatus status, bool merged, bool expected) => Assert.Equal(expected, CustomerCaseOrder.IsOpen(status, merged));
}
