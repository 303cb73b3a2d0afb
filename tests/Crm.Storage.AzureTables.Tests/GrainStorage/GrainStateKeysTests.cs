using Crm.Storage.AzureTables.GrainStorage;
using Crm.Storage.AzureTables.Tests.Support;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>The key scheme: one partition per (service, grain type, tenant), one row per (state, grain), never a collision.</summary>
public sealed class GrainStateKeysTests
{
    /// <summary>Keys that Orleans' own provider maps to the same row ('/ \ # ?' all become '_').</summary>
    public static readonly string[] LookAlikeKeys =
    [
        "a/b", "a_b", "a%2Fb", "a%2fb", "a#b", "a?b", "a\\b", "a|b", "a%7Cb", "a\u0000b", "a\tb", "a\u007Fb", "a\u0085b", "ab",
    ];

    [Fact]
    public void PartitionKey_SameTenantAndType_SharedByTheTenantsGrains()
    {
        var first = GrainStateKeys.PartitionKey("svc", GrainId.Create("customer", "acme/c-1"));
        var second = GrainStateKeys.PartitionKey("svc", GrainId.Create("customer", "acme/c-2/archive"));

        Assert.Equal(first, second);
        Assert.Equal(["svc", "customer", "acme"], GrainStateKeys.Split(first));
    }

    [Theory]
    [InlineData("svc", "customer", "other/c-1")]
    [InlineData("svc", "case", "acme/c-1")]
    [InlineData("svc2", "customer", "acme/c-1")]
    public void PartitionKey_OtherTenantTypeOrService_OtherPartition(string serviceId, string grainType, string key) =>
        Assert.NotEqual(
            GrainStateKeys.PartitionKey("svc", GrainId.Create("customer", "acme/c-1")),
            GrainStateKeys.PartitionKey(serviceId, GrainId.Create(grainType, key)));

    [Fact]
    public void Keys_LookAlikeGrainKeys_AllDistinct()
    {
        var rows = LookAlikeKeys
            .Select(key => GrainId.Create("customer", key))
            .Select(id => (GrainStateKeys.PartitionKey("svc", id), GrainStateKeys.RowKey("state", id)))
            .ToList();

        Assert.Equal(LookAlikeKeys.Length, rows.Distinct().Count());
    }

    [Fact]
    public void RowKey_SeparatorInStateNameOrGrainType_DoesNotCollide()
    {
        // Unescaped, both would read "a|b|c/k".
        var first = GrainStateKeys.RowKey("a|b", GrainId.Create("c", "k"));
        var second = GrainStateKeys.RowKey("a", GrainId.Create("b|c", "k"));

        Assert.NotEqual(first, second);
        Assert.Equal(["a|b", "c/k"], GrainStateKeys.Split(first));
        Assert.Equal(["a", "b|c/k"], GrainStateKeys.Split(second));
    }

    [Theory]
    [MemberData(nameof(LookAlikeKeyData))]
    public void Keys_AnyGrainKey_HaveOnlyAllowedCharactersAndSplitBack(string key)
    {
        var id = GrainId.Create("customer", "tenant/" + key);
        var partitionKey = GrainStateKeys.PartitionKey("svc|1", id);
        var rowKey = GrainStateKeys.RowKey("state/1", id);

        Assert.DoesNotContain(partitionKey + rowKey, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.Equal(["svc|1", "customer", "tenant"], GrainStateKeys.Split(partitionKey));
        Assert.Equal(["state/1", id.ToString()], GrainStateKeys.Split(rowKey));
    }

    [Fact]
    public void RowKey_GrainKeyTooLongOnceEscaped_ThrowsNamingTheLimit()
    {
        var id = GrainId.Create("customer", "tenant/" + new string('#', 500));

        var ex = Assert.Throws<ArgumentException>(() => GrainStateKeys.RowKey("state", id));

        Assert.Contains(TableKey.MaxLength.ToString(), ex.Message);
    }

    public static TheoryData<string> LookAlikeKeyData() => new(LookAlikeKeys);

    [Fact]
    public void PartitionKey_KeyWithoutSlash_UsesWholeKey()
    {
        var id = TestGrains.GuidKey(Guid.NewGuid(), "ext");

        Assert.Equal(id.Key.ToString(), GrainStateKeys.Split(GrainStateKeys.PartitionKey("svc", id))[2]);
    }
}
