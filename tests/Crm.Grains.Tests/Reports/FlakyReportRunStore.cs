using System.Collections.Concurrent;
using Crm.Contracts.Reports;
using Crm.Grains.Reports;

namespace Crm.Grains.Tests.Reports;

/// <summary>
/// The real run store, which a test can make lose the answer to a tenant's next completions: the run is stored as
/// done, the schedule sees a failure and keeps its mark, as after a crash between the two writes; or fail them before
/// anything is written (<paramref name="toFail"/>), so the period is made again, as after a crash before completing.
/// </summary>
public sealed class FlakyReportRunStore(IReportRunStore inner, ConcurrentDictionary<string, int> toLose, ConcurrentDictionary<string, int>? toFail = null) : IReportRunStore
{
    public Task<RunClaim> TryClaimAsync(
        string tenantId, string period, string claimant, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        inner.TryClaimAsync(tenantId, period, claimant, now, lease, cancellationToken);

    public async Task CompleteAsync(RunClaim claim, ReportRun run, CancellationToken cancellationToken = default)
    {
        if (toFail is not null && toFail.TryGetValue(claim.TenantId, out var failing) && failing > 0 && toFail.TryUpdate(claim.TenantId, failing - 1, failing))
        {
            throw new IOException($"Injected: completing {claim.Period} of {claim.TenantId} failed.");
        }

        await inner.CompleteAsync(claim, run, cancellationToken);
        if (toLose.TryGetValue(claim.TenantId, out var left) && left > 0 && toLose.TryUpdate(claim.TenantId, left - 1, left))
        {
            throw new IOException($"Injected: the answer to completing {claim.Period} of {claim.TenantId} was lost.");
        }
    }

    public Task RecordAsync(string tenantId, ReportRun run, CancellationToken cancellationToken = default) =>
        inner.RecordAsync(tenantId, run, cancellationToken);

    public Task<IReadOnlyList<ReportRun>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        inner.ListAsync(tenantId, cancellationToken);
}
