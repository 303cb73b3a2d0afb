using System.CommandLine;
using Crm.Cli.Api;

namespace Crm.Cli.Search;

/// <summary>
/// <c>crm search backfill</c>: indexes a tenant's customers stored before the name index existed, page by page through
/// the API (idempotent and audited there). It prints each page's token, so an interrupted run goes on with <c>--from</c>.
/// </summary>
public static class SearchCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant id.", Required = true };
        var pageSize = new Option<int>("--page-size") { Description = "Customers per page (1-100).", DefaultValueFactory = _ => 100 };
        var from = new Option<string?>("--from") { Description = "The continuation token a stopped run printed last: go on from there." };
        var backfill = new Command("backfill", "Indexes every customer of the tenant for name search again; safe to repeat, resumable with --from.")
        {
            tenant,
            pageSize,
            from,
        };
        backfill.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            var token = parse.GetValue(from);
            var total = 0;
            do
            {
                var page = await api.BackfillSearchAsync(parse.GetValue(tenant)!, parse.GetValue(pageSize), token, cancellationToken);
                total += page.Indexed;
                token = page.ContinuationToken;
                output.WriteLine(token is null ? $"{total} customers indexed; done." : $"{total} customers indexed; to go on from here: --from {token}");
            }
            while (token is not null);

            return 0;
        });
        return new Command("search", "The protected search index.") { backfill };
    }
}
