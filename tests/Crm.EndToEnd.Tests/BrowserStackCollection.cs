namespace Crm.EndToEnd.Tests;

/// <summary>
/// The browser tests' own stack (Azurite, silo and front end, like <see cref="StackCollection"/>'s): a second
/// collection, so xunit runs the browser tests beside the API tests instead of after them. Both wait mostly on
/// sockets, Chromium and timers, so on 2 cores the two lanes overlap well (docs/test-suite.md).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserStackCollection : ICollectionFixture<CrmStackFixture>
{
    public const string Name = "browser-stack";
}
