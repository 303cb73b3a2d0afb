using System.Diagnostics;
using Crm.Testing;

namespace Crm.EndToEnd.Tests.Cluster;

/// <summary>
/// A silo as its own operating-system process, built from the same output <c>run.sh</c> starts, so a test can kill
/// it outright (no graceful shutdown, no membership update) as a crash or a lost machine would.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly string SiloFolder = Path.Combine(RepositoryRoot.Path, "silo", "Crm.Silo");
    private static readonly string SiloDll = Path.Combine(SiloFolder, "bin", "Release", "net10.0", "Crm.Silo.dll");
    private readonly Process _process;

    private SiloProcess(Process process, Uri health, string log)
    {
        _process = process;
        Health = health;
        LogFile = log;
    }

    public Uri Health { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<SiloProcess> StartAsync(IEnumerable<string> settings, TimeSpan patience)
    {
        if (!File.Exists(SiloDll))
        {
            throw new InvalidOperationException($"{SiloDll} is missing: build the solution in Release first.");
        }

        var health = new Uri($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/");
        var log = Path.Combine(Path.GetTempPath(), $"crm-silo-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SiloFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_gcServer"] = "0" },
        };
        foreach (var arg in (string[])[SiloDll, "--contentRoot", SiloFolder, $"--urls={health}", .. settings])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, health, log);
        await silo.WaitReadyAsync(patience);
        return silo;
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, with nothing flushed and nobody told.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}; see {LogFile}.");
            }

            try
            {
                if ((await http.GetAsync(new Uri(Health, "health/ready"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The silo was not ready within {patience}; see {LogFile}.");
    }
}
