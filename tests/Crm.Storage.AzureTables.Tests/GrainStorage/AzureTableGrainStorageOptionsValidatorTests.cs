using Azure.Data.Tables;
using Crm.Storage.AzureTables.GrainStorage;
using Crm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.GrainStorage;

/// <summary>Bad configuration is refused at silo start, with a message that says what to fix.</summary>
public sealed class AzureTableGrainStorageOptionsValidatorTests
{
    private const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("has_underscore")]
    [InlineData("has space")]
    [InlineData("tables")]
    [InlineData("Tables")]
    [InlineData("Таблица")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    [InlineData("CrmGrainState\n")]
    public void ValidateConfiguration_InvalidTableName_ThrowsNamingIt(string tableName)
    {
        var validator = Validator(new AzureTableGrainStorageOptions { TableName = tableName }, WithDiClient());

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains($"'{tableName}'", ex.Message);
        Assert.Contains("'crm'", ex.Message);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("CrmGrainState")]
    [InlineData("CrmTest0123456789abcdef")]
    [InlineData("a12345678901234567890123456789012345678901234567890123456789012")]
    public void ValidateConfiguration_ValidTableNameAndDiClient_Passes(string tableName) =>
        Validator(new AzureTableGrainStorageOptions { TableName = tableName }, WithDiClient()).ValidateConfiguration();

    [Fact]
    public void ValidateConfiguration_NoClientAnywhere_ThrowsSayingHowToProvideOne()
    {
        var validator = Validator(new AzureTableGrainStorageOptions(), new ServiceCollection().BuildServiceProvider());

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains(nameof(TableServiceClient), ex.Message);
        Assert.Contains(nameof(AzureTableGrainStorageOptions.ConnectionString), ex.Message);
    }

    [Fact]
    public void ValidateConfiguration_ConnectionStringWithoutDiClient_Passes() =>
        Validator(new AzureTableGrainStorageOptions { ConnectionString = DevelopmentConnectionString }, new ServiceCollection().BuildServiceProvider())
            .ValidateConfiguration();

    [Fact]
    public void ValidateConfiguration_MalformedConnectionString_Throws() =>
        Assert.Throws<OrleansConfigurationException>(
            Validator(new AzureTableGrainStorageOptions { ConnectionString = "not a connection string" }, new ServiceCollection().BuildServiceProvider())
                .ValidateConfiguration);

    [Fact]
    public void ValidateConfiguration_ClientFactoryWithoutDiClient_Passes() =>
        Validator(
                new AzureTableGrainStorageOptions { TableServiceClientFactory = _ => new TableServiceClient(DevelopmentConnectionString) },
                new ServiceCollection().BuildServiceProvider())
            .ValidateConfiguration();

    private static AzureTableGrainStorageOptionsValidator Validator(AzureTableGrainStorageOptions options, IServiceProvider services) =>
        new(options, "crm", services);

    private static ServiceProvider WithDiClient() =>
        new ServiceCollection().AddSingleton(new TableServiceClient(DevelopmentConnectionString)).BuildServiceProvider();
}
