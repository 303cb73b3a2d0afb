using System.CommandLine;
using Crm.Cli.Api;

namespace Crm.Cli.Reports;

/// <summary><c>crm reports reconcile</c>: recomputes a period from the case histories and shows where the aggregates differ.</summary>
public static class ReportsCommand
{
    /// <summary>Exit code when the aggregates and the histories disagree.</summary>
    public const int Differs = 3;

    public static Command Create(ConnectionOptions connection)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant id.", Required = true };
        var period = new Option<string>("--period") { Description = "A day (2026-12-01), ISO week (2026-W49), month (2026-12) or quarter (2026-Q4).", Required = true };
        var reconcile = new Command("reconcile", "Recomputes the period from every case's history and compares it with the aggregates; exit code 3 when they differ.")
        {
            tenant,
            period,
        };
        reconcile.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            var result = await api.ReconcileReportAsync(parse.GetValue(tenant)!, parse.GetValue(period)!, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Period {result.Period} ({result.TimeZoneId}): {result.CasesRead} cases, {result.EventsRead} history rows read, {result.FactsInPeriod} facts in the period.");
            if (result.Differences.IsEmpty)
            {
                output.WriteLine("The aggregates agree with the case histories.");
                return 0;
            }

            output.WriteLine($"{result.Differences.Length} differences (day, field: recomputed from histories / aggregated):");
            foreach (var d in result.Differences)
            {
                output.WriteLine($"  {d.Day:yyyy-MM-dd} {d.Field}: {d.Recomputed} / {d.Aggregated}");
            }

            return Differs;
        });
        var reports = new Command("reports", "Contract service reports.") { reconcile };
        return reports;
    }
}
