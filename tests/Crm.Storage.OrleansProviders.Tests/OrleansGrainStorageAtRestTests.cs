using Azure.Data.Tables;
using Crm.Storage.AzureTables.Tests.Support;
using Crm.Testing;

namespace Crm.Storage.OrleansProviders.Tests;

/// <summary>
/// What the conformance cases do not look at: the row itself. Ours holds ciphertext (GrainStateProtectionTests);
/// Orleans' provider, as shipped, holds the state readable by anyone with the storage key or a backup.
/// </summary>
[Collection(OrleansProvidersCollection.Name)]
[Trait("Category", OrleansProvidersCollection.Category)]
public sealed class OrleansGrainStorageAtRestTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WriteState_OrleansProvider_LeavesThePersonalDataReadableInTheRow()
    {
        await using var harness = await OrleansGrainStorage.StartAsync(azurite.ConnectionString);
        const string PersonalData = "Zhou Min, 138 0013 8000";

        await harness.Storage.WriteStateAsync("state", TestGrains.FreshStringKey(), TestGrains.State(PersonalData));

        var row = Assert.Single(await harness.Table.QueryAsync<TableEntity>().ToListAsync());
        // Its JSON goes into a binary column, as UTF-8: readable as it stands.
        var columns = row.Keys.Select(k => row[k] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : row[k] as string);
        Assert.Contains(columns, value => value?.Contains(PersonalData, StringComparison.Ordinal) == true);
    }
}
