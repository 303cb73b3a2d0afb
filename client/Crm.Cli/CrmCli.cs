using System.CommandLine;
using Crm.Cli.Backup;
using Crm.Cli.Demo;

namespace Crm.Cli;

/// <summary>The command tree of the <c>crm</c> tool, built in one place so tests run exactly what users run.</summary>
public static class CrmCli
{
    public static RootCommand CreateRootCommand()
    {
        var url = new Option<Uri>("--url")
        {
            Description = "The Crm front end (default: $CRM_URL, else http://127.0.0.1:5080).",
            DefaultValueFactory = _ => new Uri(Environment.GetEnvironmentVariable("CRM_URL") ?? "http://127.0.0.1:5080"),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    return uri;
                }

                result.AddError($"--url: '{text}' is not an http(s) URL.");
                return null;
            },
            Recursive = true,
        };
        var root = new RootCommand("crm: command-line tool for the Crm front end (demo data, backups; imports follow).") { url };
        root.Subcommands.Add(DemoCommand.Create(url));
        root.Subcommands.Add(BackupCommand.Create());
        return root;
    }
}
