using System.CommandLine;
using Crm.Cli.Api;

namespace Crm.Cli;

/// <summary><c>crm login</c>: signs in and prints a token for CRM_TOKEN, so later commands need no password.</summary>
public static class LoginCommand
{
    public static Command Create(ConnectionOptions connection)
    {
        var login = new Command("login", "Signs in (--user with CRM_PASSWORD or --password-file) and prints a bearer token: export CRM_TOKEN=$(crm login ...).");
        login.SetAction(async (parse, cancellationToken) =>
        {
            var api = await connection.ConnectAsync(parse, cancellationToken);
            var me = await api.GetMeAsync(cancellationToken);
            parse.InvocationConfiguration.Error.WriteLine($"Signed in as {me.Username}.");
            parse.InvocationConfiguration.Output.WriteLine(api.Token);
            return 0;
        });
        return login;
    }
}
