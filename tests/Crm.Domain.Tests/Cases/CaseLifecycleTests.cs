using Crm.Domain.Cases;

namespace Crm.Domain.Tests.Cases;

public sealed class CaseLifecycleTests
{
    /// <summary>Every (status, action) pair, spelled out: null means refused. A rule change must change this table.</summary>
    public static readonly TheoryData<CaseStatus, CaseAction, CaseStatus?> Table = new()
    {
        { CaseStatus.New, CaseAction.Acknowledge, CaseStatus.Acknowledged },
        { CaseStatus.New, CaseAction.StartWork, CaseStatus.InProgress },
        { CaseStatus.New, CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer },
        { CaseStatus.New, CaseAction.CustomerReplied, null },
        { CaseStatus.New, CaseAction.Resolve, CaseStatus.Resolved },
        { CaseStatus.New, CaseAction.Close, null },
        { CaseStatus.New, CaseAction.Reopen, null },
        { CaseStatus.Acknowledged, CaseAction.Acknowledge, null },
        { CaseStatus.Acknowledged, CaseAction.StartWork, CaseStatus.InProgress },
        { CaseStatus.Acknowledged, CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer },
        { CaseStatus.Acknowledged, CaseAction.CustomerReplied, null },
        { CaseStatus.Acknowledged, CaseAction.Resolve, CaseStatus.Resolved },
        { CaseStatus.Acknowledged, CaseAction.Close, null },
        { CaseStatus.Acknowledged, CaseAction.Reopen, null },
        { CaseStatus.InProgress, CaseAction.Acknowledge, null },
        { CaseStatus.InProgress, CaseAction.StartWork, null },
        { CaseStatus.InProgress, CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer },
        { CaseStatus.InProgress, CaseAction.CustomerReplied, null },
        { CaseStatus.InProgress, CaseAction.Resolve, CaseStatus.Resolved },
        { CaseStatus.InProgress, CaseAction.Close, null },
        { CaseStatus.InProgress, CaseAction.Reopen, null },
        { CaseStatus.WaitingOnCustomer, CaseAction.Acknowledge, null },
        { CaseStatus.WaitingOnCustomer, CaseAction.StartWork, null },
        { CaseStatus.WaitingOnCustomer, CaseAction.WaitOnCustomer, null },
        { CaseStatus.WaitingOnCustomer, CaseAction.CustomerReplied, CaseStatus.InProgress },
        { CaseStatus.WaitingOnCustomer, CaseAction.Resolve, CaseStatus.Resolved },
        { CaseStatus.WaitingOnCustomer, CaseAction.Close, null },
        { CaseStatus.WaitingOnCustomer, CaseAction.Reopen, null },
        { CaseStatus.Resolved, CaseAction.Acknowledge, null },
        { CaseStatus.Resolved, CaseAction.StartWork, null },
        { CaseStatus.Resolved, CaseAction.WaitOnCustomer, null },
        { CaseStatus.Resolved, CaseAction.CustomerReplied, null },
        { CaseStatus.Resolved, CaseAction.Resolve, null },
        { CaseStatus.Resolved, CaseAction.Close, CaseStatus.Closed },
        { CaseStatus.Resolved, CaseAction.Reopen, CaseStatus.Reopened },
        { CaseStatus.Closed, CaseAction.Acknowledge, null },
        { CaseStatus.Closed, CaseAction.StartWork, null },
        { CaseStatus.Closed, CaseAction.WaitOnCustomer, null },
        { CaseStatus.Closed, CaseAction.CustomerReplied, null },
        { CaseStatus.Closed, CaseAction.Resolve, null },
        { CaseStatus.Closed, CaseAction.Close, null },
        { CaseStatus.Closed, CaseAction.Reopen, CaseStatus.Reopened },
        { CaseStatus.Reopened, CaseAction.Acknowledge, null },
        { CaseStatus.Reopened, CaseAction.StartWork, null },
        { CaseStatus.Reopened, CaseAction.WaitOnCustomer, CaseStatus.WaitingOnCustomer },
        { CaseStatus.Reopened, CaseAction.CustomerReplied, null },
        { CaseStatus.Reopened, CaseAction.Resolve, CaseStatus.Resolved },
        { CaseStatus.Reopened, CaseAction.Close, null },
        { CaseStatus.Reopened, CaseAction.Reopen, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Transition_EveryStatusAndAction_FollowsTheTable(CaseStatus from, CaseAction action, CaseStatus? expected)
    {
        var result = CaseLifecycle.Transition(from, action);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected is not null, result.IsAllowed);
        Assert.Equal(expected is null, result.Error is not null);
    }

    [Fact]
    public void Table_CoversEveryStatusAndAction() =>
        Assert.Equal(Enum.GetValues<CaseStatus>().Length * Enum.GetValues<CaseAction>().Length, Table.Count);

    [Fact]
    public void AllowedActions_EveryStatus_MatchesTheAllowedRowsOfTheTable()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var expected = Table.Select(row => ((CaseStatus)row[0], (CaseAction)row[1], (CaseStatus?)row[2]))
                .Where(row => row.Item1 == status && row.Item3 is not null)
                .Select(row => row.Item2);
            Assert.Equal(expected.Order(), CaseLifecycle.AllowedActions(status).Order());
        }
    }

    [Fact]
    public void Transition_ClosedResolved_NamesStatusAndTheOnlyAllowedAction() =>
        Assert.Equal(
            "A case that is Closed cannot be resolved. A case that is Closed can be: reopened.",
            CaseLifecycle.Transition(CaseStatus.Closed, CaseAction.Resolve).Error);

    [Fact]
    public void Transition_NewClosed_ListsEveryAllowedAction() =>
        Assert.Equal(
            "A case that is New cannot be closed. A case that is New can be: acknowledged, started, " +
            "set waiting on the customer, resolved.",
            CaseLifecycle.Transition(CaseStatus.New, CaseAction.Close).Error);

    [Theory]
    [MemberData(nameof(Table))]
    public void Transition_Refused_MessageNamesEveryAllowedAction(CaseStatus from, CaseAction action, CaseStatus? expected)
    {
        if (expected is not null)
        {
            return;
        }

        var error = CaseLifecycle.Transition(from, action).Error!;
        Assert.Contains($"A case that is {from} ", error);
        Assert.All(CaseLifecycle.AllowedActions(from), allowed => Assert.Contains(CaseLifecycle.Describe(allowed), error));
    }

    [Fact]
    public void Transition_ReopenedCase_BehavesLikeInProgress()
    {
        foreach (var action in Enum.GetValues<CaseAction>())
        {
            Assert.Equal(
                CaseLifecycle.Transition(CaseStatus.InProgress, action).Status,
                CaseLifecycle.Transition(CaseStatus.Reopened, action).Status);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(6 * 24 + 23, true)]
    [InlineData(7 * 24, false)]
    [InlineData(-1, false)]
    public void IsWithinReopenWindow_SevenDayWindow_OpenUntilJustBeforeTheEnd(int hoursAfterResolution, bool expected)
    {
        var resolvedAt = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            expected,
            CaseLifecycle.IsWithinReopenWindow(resolvedAt, resolvedAt.AddHours(hoursAfterResolution), TimeSpan.FromDays(7)));
    }

    [Theory]
    [InlineData(CaseAction.Acknowledge, "acknowledged")]
    [InlineData(CaseAction.StartWork, "started")]
    [InlineData(CaseAction.WaitOnCustomer, "set waiting on the customer")]
    [InlineData(CaseAction.CustomerReplied, "resumed by a customer reply")]
    [InlineData(CaseAction.Resolve, "resolved")]
    [InlineData(CaseAction.Close, "closed")]
    [InlineData(CaseAction.Reopen, "reopened")]
    [InlineData((CaseAction)42, "acted on with unknown action 42")]
    public void Describe_EveryAction_EndsTheSentenceACaseCanBe(CaseAction action, string expected) =>
        Assert.Equal(expected, CaseLifecycle.Describe(action));

    [Fact]
    public void Transition_UnknownStatus_IsRefusedWithItsNumber()
    {
        var result = CaseLifecycle.Transition((CaseStatus)99, CaseAction.Acknowledge);

        Assert.False(result.IsAllowed);
        Assert.Equal("Unknown case status 99.", result.Error);
        Assert.Empty(CaseLifecycle.AllowedActions((CaseStatus)99));
    }

    [Fact]
    public void Transition_WaitingOnCustomerAcknowledged_NamesTheCustomerReply() =>
        Assert.Equal(
            "A case that is WaitingOnCustomer cannot be acknowledged. A case that is WaitingOnCustomer can be: " +
            "resumed by a customer reply, resolved.",
            CaseLifecycle.Transition(CaseStatus.WaitingOnCustomer, CaseAction.Acknowledge).Error);

    [Theory]
    [InlineData(CaseStatus.New, CaseAction.Acknowledge)]
    [InlineData(CaseStatus.Acknowledged, null)]
    [InlineData(CaseStatus.InProgress, null)]
    [InlineData(CaseStatus.WaitingOnCustomer, null)]
    [InlineData(CaseStatus.Reopened, null)]
    public void AfterPlainReply_OnlyANewCaseMovesOn_ToAcknowledged(CaseStatus status, CaseAction? expected)
    {
        Assert.Equal(expected, CaseLifecycle.AfterPlainReply(status));
    }

    [Theory]
    [InlineData(CaseStatus.New)]
    [InlineData(CaseStatus.Acknowledged)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.Reopened)]
    public void AfterPlainReply_TenantTurnedAcknowledgementOff_ChangesNothing(CaseStatus status) =>
        Assert.Null(CaseLifecycle.AfterPlainReply(status, acknowledge: false));

    [Fact]
    public void AfterPlainReply_AcknowledgementOn_IsTheDefault() =>
        Assert.Equal(CaseAction.Acknowledge, CaseLifecycle.AfterPlainReply(CaseStatus.New, acknowledge: true));
}
