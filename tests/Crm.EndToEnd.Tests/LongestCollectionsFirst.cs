using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Crm.EndToEnd.Tests.LongestCollectionsFirst", "Crm.EndToEnd.Tests")]

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Starts the longest collections first. xunit runs at most <c>maxParallelThreads</c> collections at once
/// (xunit.runner.json) and by default in an order of its own, which once left the three-silo failover tests
/// (about 7 minutes) and the shared stack (about 13) in one lane each while the short ones had already finished.
/// The rest follow by name, so the order is the same every run.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    /// <summary>From the longest down, as measured in the suite's TRX timeline (docs/test-suite.md).</summary>
    private static readonly string[] Longest =
    [
        "Test collection for Crm.EndToEnd.Tests.Cluster.SiloFailoverTests",
        BrowserStackCollection.Name,
        StackCollection.Name,
        "Test collection for Crm.EndToEnd.Tests.Security.AdminBootstrapTests",
        "Test collection for Crm.EndToEnd.Tests.Backup.ScheduledBackupServiceTests",
        "Test collection for Crm.EndToEnd.Tests.Backup.BackupCliTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
