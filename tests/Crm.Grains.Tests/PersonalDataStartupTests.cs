using Crm.Silo;
using Crm.Testing;

namespace Crm.Grains.Tests;

/// <summary>Bad personal data keys stop the silo at start, with a message naming the problem, before any customer is read.</summary>
public sealed class PersonalDataStartupTests
{
    [Theory]
    [InlineData("k9", null, "the active key id 'k9' is not among the keys")]
    [InlineData("k1", "dGVzdA==", "key 'k1' has 4 bytes, not 32")]
    public async Task Start_BadKeys_FailsNamingTheProblem(string activeKeyId, string? key, string expected)
    {
        var silo = SiloHost.Build(
        [
            // Nothing listens there: the keys must be refused before storage is ever reached.
            $"--ConnectionStrings:Tables=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};TableEndpoint=http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/devstoreaccount1;",
            $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
            $"--Crm:PersonalData:Keys:k1={key ?? ClusterFixture.TestKeys["k1"]}", $"--Crm:PersonalData:ActiveKeyId={activeKeyId}",
            $"--Crm:PersonalData:LookupKey={ClusterFixture.TestLookupKey}",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None",
        ]);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync(timeout.Token));

            Assert.Contains(expected, Flatten(ex));
        }
        finally
        {
            await silo.DisposeAsync();
        }
    }

    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Flatten(ex.InnerException);
}
