using Crm.Reporting.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Reporting.Hosting;

/// <summary>
/// Warms the report renderer once in the background after start (see <see cref="ReportWarmup"/>). Both hosts render
/// reports (the silo on schedule, the front end on demand), so both register this one service.
/// </summary>
public sealed partial class ReportRendererWarmup(ILogger<ReportRendererWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            ReportWarmup.Run();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            // A missing font fails the first report with its own message; the warm-up only logs it.
            LogFailed(e);
        }
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the report renderer failed.")]
    private partial void LogFailed(Exception e);
}
