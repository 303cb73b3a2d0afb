using Orleans.Configuration;

namespace Crm.Silo;

/// <summary>
/// Failure detection for a support desk: a dead silo must be noticed in seconds, not the half minute and more of
/// Orleans' defaults, because until then calls to its grains fail. Probes stay cheap (a few silos, a ping each).
/// </summary>
public static class ClusterTuning
{
    public const string SectionName = "Orleans:Membership";

    /// <summary>How often each silo re-reads its share of the reminder table (Orleans' default: 5 minutes).</summary>
    public static readonly TimeSpan ReminderRefresh = TimeSpan.FromMinutes(1);

    public static void Apply(ClusterMembershipOptions o)
    {
        // Orleans' defaults: probe timeout 5 s, 3 missed probes, 2 votes. Ours: 2 missed probes of 2 s.
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.NumProbedSilos = 3;
        o.NumVotesForDeathDeclaration = 2;
        // A silo that stops writing its I-am-alive row is suspected sooner; the table is only a backstop to probes.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
    }
}
