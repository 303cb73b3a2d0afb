using Crm.Cli;
using Crm.Cli.Api;
using Spectre.Console;

try
{
    return await CrmCli.CreateRootCommand().Parse(args).InvokeAsync();
}
catch (Exception ex) when (ex is CrmApiException or HttpRequestException)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {ex.Message}");
    return 1;
}
