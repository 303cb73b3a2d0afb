using Crm.Contracts.Reports;

namespace Crm.Grains.Reports;

/// <summary>
/// The run table of scheduled reports: one row per tenant and period, inserted to claim the period before its report
/// is made. Only an insert can claim a period that has no row, so two ticks, two activations or two silos racing for
/// it get one winner. A claim whose maker died is taken over once its lease has run out.
/// </summary>
public interface IReportRunStore
{
    /// <param name="claimant">Who claims: a claimant may take back its own claim (a retry after its own failure).</param>
    /// <param name="lease">How long another claimant's unfinished claim holds before it may be taken over.</param>
    Task<RunClaim> TryClaimAsync(
        string tenantId, string period, string claimant, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the claimed period done with what was made.</summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The claim was taken over meanwhile.</exception>
    Task CompleteAsync(RunClaim claim, ReportRun run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a report made on demand as done, whatever the period's row held: a scheduled claim in flight then fails to
    /// complete, and its next tick finds the period done, so the period is not made twice.
    /// </summary>
    Task RecordAsync(string tenantId, ReportRun run, CancellationToken cancellationToken = default);

    /// <summary>The tenant's runs, newest claim first.</summary>
    Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, CancellationToken cancellationToken = default);
}

/// <summary>The answer to a claim: <see cref="Outcome"/>, and when claimed, the row's ETag to complete it with.</summary>
public sealed record RunClaim(string TenantId, string Period, RunClaimOutcome Outcome, DateTimeOffset ClaimedAt, string? ETag);

public enum RunClaimOutcome
{
    /// <summary>This caller holds the period now and makes its report.</summary>
    Claimed,

    /// <summary>The period's report is made already: nothing to do.</summary>
    Done,

    /// <summary>Another claimant holds the period within its lease: try again later.</summary>
    HeldElsewhere,
}
