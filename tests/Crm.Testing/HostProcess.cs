using System.Diagnostics;

namespace Crm.Testing;

/// <summary>
/// A silo or a front end as its own operating-system process, from the same build output <c>run.sh</c> starts, so a
/// test can kill it outright (no graceful shutdown, no membership update) as a crash or a lost machine would, or stop
/// it as an operator's rolling restart does.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri health, string log)
    {
        _process = process;
        Health = health;
        LogFile = log;
    }

    public Uri Health { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public static Task<HostProcess> StartSiloAsync(IEnumerable<string> settings, TimeSpan patience) =>
        StartAsync(Path.Combine("silo", "Crm.Silo"), "Crm.Silo.dll", new Uri($"http://127.0.0.1:{AzuriteServer.FreeTcpPort()}/"), settings, patience);

    public static Task<HostProcess> StartFrontEndAsync(Uri address, IEnumerable<string> settings, TimeSpan patience) =>
        StartAsync(Path.Combine("client", "Crm.Client"), "Crm.Client.dll", address, settings, patience);

    private static async Task<HostProcess> StartAsync(string project, string dll, Uri health, IEnumerable<string> settings, TimeSpan patience)
    {
        var folder = Path.Combine(RepositoryRoot.Path, project);
        var path = Path.Combine(folder, "bin", "Release", "net10.0", dll);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: build the solution in Release first.");
        }

        var log = Path.Combine(Path.GetTempPath(), $"crm-{Path.GetFileNameWithoutExtension(dll).ToLowerInvariant()}-{Guid.NewGuid():N}.log");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_gcServer"] = "0" },
        };
        foreach (var arg in (string[])[path, "--contentRoot", folder, $"--urls={health}", .. settings])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, health, log);
        await host.WaitReadyAsync(patience);
        return host;
    }

    /// <summary>SIGKILL: the process ends at once, mid-request, with nothing flushed and nobody told.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the host shuts down gracefully (a silo leaves the cluster, hands its grains on) and exits.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (Terminate(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException($"Could not signal process {_process.Id}.");
        }

        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Terminate(int pid, int signal);

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
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}; see {LogFile}.");
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
            catch (TaskCanceledException)
            {
                // Listening but not answering within the probe's 5 s: a host still starting on a loaded machine.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The host was not ready within {patience}; see {LogFile}.");
    }
}
