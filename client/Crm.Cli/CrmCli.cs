using System.CommandLine;
using Crm.Cli.Api;
using Crm.Cli.Backup;
using Crm.Cli.Demo;
using Crm.Cli.Model;

namespace Crm.Cli;

/// <summary>The command tree of the <c>crm</c> tool, built in one place so tests run exactly what users run.</summary>
public static class CrmCli
{
    public static RootCommand CreateRootCommand()
    {
        var connection = new ConnectionOptions();
        var root = new RootCommand("crm: command-line tool for the Crm front end (sign-in, demo data, backups, survey imports, report reconciliation, model evaluation).");
        foreach (var option in connection.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(DemoCommand.Create(connection));
        root.Subcommands.Add(LoginCommand.Create(connection));
        root.Subcommands.Add(BackupCommand.Create());
        root.Subcommands.Add(Surveys.SurveysCommand.Create(connection));
        root.Subcommands.Add(ModelCommand.Create(connection));
        root.Subcommands.Add(Reports.ReportsCommand.Create(connection));
        root.Subcommands.Add(Search.SearchCommand.Create(connection));
        return root;
    }
}
