using Crm.Contracts.Access;
using Crm.Domain.Access;
using Crm.Silo;
using Crm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests.Security;

/// <summary>
/// The first start of an empty deployment creates one platform operator with a generated password, written to a
/// private file: never a fixed default, and never again once it exists.
/// </summary>
public sealed class AdminBootstrapTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crm-bootstrap-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FirstStart_NoAdminPassword_WritesAPrivateFileWhosePasswordSignsInAsOperator()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var keyFile = Path.Combine(_folder, "keys.json");
        var firstFile = Path.Combine(_folder, "first", "admin-password");
        string password;

        await using (var silo = await StartSiloAsync(azurite, keyFile, firstFile))
        {
            Assert.True(File.Exists(firstFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(firstFile));
            }

            password = await File.ReadAllTextAsync(firstFile);
            Assert.Null(PasswordRules.Check(password));
            var attempt = await Admin(silo).SignInAsync(password);
            Assert.Equal(SignInOutcome.Succeeded, attempt.Outcome);
            Assert.True(attempt.Session!.IsPlatformOperator);
            Assert.Equal("admin", attempt.Session.Username);
            Assert.True(AccessRules.Allows(attempt.Session, null, Permission.TenantsManage));
            await silo.StopAsync();
        }

        var secondFile = Path.Combine(_folder, "second", "admin-password");
        await using (var silo = await StartSiloAsync(azurite, keyFile, secondFile))
        {
            Assert.False(File.Exists(secondFile));
            Assert.Equal(SignInOutcome.Succeeded, (await Admin(silo).SignInAsync(password)).Outcome);
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task FirstStart_TwoDeployments_GetDifferentPasswords()
    {
        var passwords = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await using var azurite = await AzuriteServer.StartAsync();
            var file = Path.Combine(_folder, $"deployment-{i}", "admin-password");
            await using var silo = await StartSiloAsync(azurite, Path.Combine(_folder, $"keys-{i}.json"), file);
            passwords.Add(await File.ReadAllTextAsync(file));
            await silo.StopAsync();
        }

        Assert.NotEqual(passwords[0], passwords[1]);
    }

    [Fact]
    public async Task FirstStart_PasswordFileAlreadyThereReadableByAll_IsMadePrivate()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var azurite = await AzuriteServer.StartAsync();
        var file = Path.Combine(_folder, "admin-password");
        await File.WriteAllTextAsync(file, "left over from an old deployment, much longer than any password");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var silo = await StartSiloAsync(azurite, Path.Combine(_folder, "keys.json"), file);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var password = await File.ReadAllTextAsync(file);
        Assert.Equal(SignInOutcome.Succeeded, (await Admin(silo).SignInAsync(password)).Outcome);
        await silo.StopAsync();
    }

    private static IUserGrain Admin(WebApplication silo) =>
        silo.Services.GetRequiredService<IClusterClient>().GetGrain<IUserGrain>("admin");

    private static async Task<WebApplication> StartSiloAsync(AzuriteServer azurite, string keyFile, string passwordFile)
    {
        var silo = SiloHost.Build(
        [
            $"--ConnectionStrings:Tables={azurite.ConnectionString}",
            $"--Orleans:SiloPort={AzuriteServer.FreeTcpPort()}", $"--Orleans:GatewayPort={AzuriteServer.FreeTcpPort()}",
            "--Orleans:ServiceId=crm-bootstrap", "--Orleans:ClusterId=crm-bootstrap",
            $"--Crm:PersonalData:KeyFile={keyFile}", $"--Crm:Bootstrap:PasswordFile={passwordFile}",
            "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
        ]);
        await silo.StartAsync();
        return silo;
    }
}
