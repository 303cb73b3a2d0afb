using Azure.Data.Tables;
using Crm.Storage.AzureTables.Reminders;
using Crm.Storage.AzureTables.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Crm.Storage.AzureTables.Tests.Reminders;

public sealed class AzureTableReminderOptionsValidatorTests
{
    [Theory]
    [InlineData("bad-name")]
    [InlineData("Cr")]
    [InlineData("Reminders")]
    public void Validate_BadTableName_ThrowsNamingTableAndField(string tableName)
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() => Validate(new AzureTableReminderOptions { TableName = tableName }, withClient: true));

        Assert.Contains($"'{tableName}'", ex.Message);
        Assert.Contains("Crm:Reminders:TableName", ex.Message);
    }

    [Fact]
    public void Validate_NoClientAnywhere_ThrowsSayingHowToProvideOne()
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() => Validate(new AzureTableReminderOptions(), withClient: false));

        Assert.Contains("TableServiceClient", ex.Message);
    }

    [Fact]
    public void Validate_MalformedConnectionString_Throws()
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() =>
            Validate(new AzureTableReminderOptions { ConnectionString = "not a connection string" }, withClient: false));

        Assert.Contains("ConnectionString", ex.Message);
    }

    [Fact]
    public void Validate_DefaultsWithClientInDI_Passes()
    {
        Validate(new AzureTableReminderOptions(), withClient: true);

        Assert.Equal(CrmTables.Reminders, new AzureTableReminderOptions().TableName);
        Assert.StartsWith(CrmTables.Prefix, CrmTables.Reminders);
    }

    [Fact]
    public void UseAzureTableReminderService_SectionInConfiguration_BoundThenOverriddenByDelegate()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Crm:Reminders:TableName"] = "CrmRemindersFromConfig",
                ["Crm:Reminders:ConnectionString"] = "UseDevelopmentStorage=true",
            })
            .Build());
        services.UseAzureTableReminderService(options => options.ConnectionString = null);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AzureTableReminderOptions>>().Value;

        Assert.Equal("CrmRemindersFromConfig", options.TableName);
        Assert.Null(options.ConnectionString);
        Assert.IsType<AzureTableReminderTable>(provider.GetRequiredService<IReminderTable>());
    }

    private static void Validate(AzureTableReminderOptions options, bool withClient)
    {
        var services = new ServiceCollection();
        if (withClient)
        {
            services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"));
        }

        using var provider = services.BuildServiceProvider();
        new AzureTableReminderOptionsValidator(Options.Create(options), provider).ValidateConfiguration();
    }
}
