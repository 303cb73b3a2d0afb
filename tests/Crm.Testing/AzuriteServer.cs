using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Crm.Testing;

/// <summary>
/// A real Azurite table service and blob service on free loopback ports, with their data in a temporary folder so
/// that it survives <see cref="RestartAsync"/>. A missing Azurite is a failure, never a skip.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private const int SigInt = 2;

    // Azurite's well-known development account; it is public and only ever valid against the emulator.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _location;
    private readonly AzuriteOptions _options;
    private Process? _process;
    private Process? _blobProcess;

    private AzuriteServer(int port, int blobPort, string location, AzuriteOptions options)
    {
        Port = port;
        BlobPort = blobPort;
        _location = location;
        _options = options;
    }

    private const int StartPatienceSeconds = 90;

    /// <summary>The table service's port.</summary>
    public int Port { get; }

    public int BlobPort { get; }

    /// <summary>Both services of the one account: table clients read its TableEndpoint, blob clients its BlobEndpoint.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;";

    public static Task<AzuriteServer> StartAsync() => StartAsync(AzuriteOptions.Default);

    /// <param name="options">How node runs Azurite; <see cref="AzuriteOptions.Default"/> is what every test uses.</param>
    public static async Task<AzuriteServer> StartAsync(AzuriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = Directory.CreateTempSubdirectory("crm-azurite-").FullName;
        var server = new AzuriteServer(FreeTcpPort(), FreeTcpPort(), location, options);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops Azurite and starts it again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopProcessAsync();
        await StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        _process = await StartServiceAsync("table", Port);
        _blobProcess = await StartServiceAsync("blob", BlobPort);
    }

    private async Task<Process> StartServiceAsync(string service, int port)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", service, "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({script} is missing). Run 'npm ci' at the repository root, or use ./test.sh.");
        }

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (_options.NodeHeapMiB is { } heap)
        {
            info.ArgumentList.Add($"--max-old-space-size={heap}");
        }

        foreach (var arg in new[]
                 {
                     script, $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(),
                     "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        // Azurite refuses --location beside --inMemoryPersistence; it then keeps nothing on disk at all.
        info.ArgumentList.Add(_options.InMemory ? "--inMemoryPersistence" : "--location");
        if (!_options.InMemory)
        {
            info.ArgumentList.Add(_location);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);

        // Generous: on a loaded 2-core machine a cold node start has been seen to take over 30 s.
        var deadline = DateTime.UtcNow.AddSeconds(StartPatienceSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite's {service} service exited with code {process.ExitCode} on port {port}.");
            }

            if (await CanConnectAsync(port))
            {
                return process;
            }

            await Task.Delay(100);
        }

        Kill(process);
        throw new TimeoutException($"Azurite's {service} service did not listen on port {port} within {StartPatienceSeconds} s.");
    }

    private async Task StopProcessAsync()
    {
        await StopAsync(_process);
        _process = null;
        await StopAsync(_blobProcess);
        _blobProcess = null;
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        // SIGINT lets Azurite save its data before exiting; it otherwise persists only every few seconds.
        if (!process.HasExited && OperatingSystem.IsLinux() && Interrupt(process.Id, SigInt) == 0)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Fall through to a hard kill.
            }
        }

        Kill(process);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Interrupt(int pid, int signal);

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
