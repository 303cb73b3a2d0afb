using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Bootstrap;

/// <summary>
/// Creates the first platform operator when there is none, with a generated password shown once: there is never a
/// fixed default password. The password goes to standard output, not to the logger, so it is not shipped to a log
/// collector.
/// </summary>
public sealed partial class AdminBootstrap(IGrainFactory grains, IOptions<BootstrapOptions> options, ILogger<AdminBootstrap> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(AdminBootstrap), ServiceLifecycleStage.Active, EnsureAdminAsync);

    private async Task EnsureAdminAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var username = Usernames.Normalize(settings.AdminUsername);
        var admin = grains.GetGrain<IUserGrain>(username);
        if (await admin.GetAsync() is not null)
        {
            return;
        }

        CreatedUser created;
        try
        {
            created = await admin.CreateAsync(new NewUser("Platform administrator", settings.AdminPassword, true, []), "system");
        }
        catch (ConflictException)
        {
            return; // Another silo created it first.
        }

        LogCreated(username);
        if (created.GeneratedPassword is { } password)
        {
            Console.WriteLine();
            Console.WriteLine("================================================================");
            Console.WriteLine($" First start: created platform operator '{username}'.");
            Console.WriteLine($" Password (shown once): {password}");
            Console.WriteLine(" Sign in, then change it: click your name at the top right (or POST /api/me/password).");
            Console.WriteLine("================================================================");
            Console.WriteLine();
            if (!string.IsNullOrWhiteSpace(settings.PasswordFile))
            {
                await WritePrivateFileAsync(settings.PasswordFile, password, cancellationToken);
            }
        }
    }

    private static async Task WritePrivateFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, fileOptions);
        if (!OperatingSystem.IsWindows())
        {
            // The create mode applies only to a new file: an old file left at the path keeps its wider mode otherwise.
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(content.AsMemory(), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "First start: created platform operator {Username}; its one-time password was printed to standard output.")]
    private partial void LogCreated(string username);
}
