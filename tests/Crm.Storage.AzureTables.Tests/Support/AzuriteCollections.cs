using Crm.Testing;

namespace Crm.Storage.AzureTables.Tests.Support;

/// <summary>Provider tests share one Azurite; each test uses fresh grain keys.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>Restarts its own Azurite, so it must not share one with tests running meanwhile.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteRestartCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite restart";
}

/// <summary>Test clusters get their own Azurite so they run beside the provider tests.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteClusterCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite cluster";
}
