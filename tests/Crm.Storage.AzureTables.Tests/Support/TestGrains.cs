using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.Support;

/// <summary>Builds the grain ids the provider tests use; every call gives a fresh key.</summary>
public static class TestGrains
{
    public static readonly GrainType Type = GrainType.Create("test-grain");

    public static GrainId StringKey(string key) => GrainId.Create(Type, key);

    public static GrainId FreshStringKey(string prefix = "tenant") => StringKey($"{prefix}/{Guid.NewGuid():N}");

    public static GrainId IntegerKey(long key) => GrainId.Create(Type, GrainIdKeyExtensions.CreateIntegerKey(key));

    public static GrainId IntegerKey(long key, string extension) => GrainId.Create(Type, GrainIdKeyExtensions.CreateIntegerKey(key, extension));

    public static GrainId GuidKey(Guid key) => GrainId.Create(Type, GrainIdKeyExtensions.CreateGuidKey(key));

    public static GrainId GuidKey(Guid key, string extension) => GrainId.Create(Type, GrainIdKeyExtensions.CreateGuidKey(key, extension));

    public static GrainState<TestState> State(string text, long number = 0, string? etag = null) =>
        new(new TestState { Text = text, Number = number, At = DateTimeOffset.UnixEpoch.AddSeconds(number % 1_000_000_000) }, etag);

    public static GrainState<TestState> Empty() => new(new TestState());
}
