using Crm.Testing;

namespace Crm.Storage.OrleansProviders.Tests;

/// <summary>The comparison's tests share one Azurite; each test uses fresh keys and tables, as the suites it runs do.</summary>
[CollectionDefinition(Name)]
public sealed class OrleansProvidersCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Orleans providers";

    /// <summary>The trait test.sh filters out: the comparison is run by hand, once, not in .ci/run.</summary>
    public const string Category = "OrleansProviders";
}
