using System.CommandLine;

namespace Crm.Cli.Api;

/// <summary>
/// Where the front end is and who the tool signs in as: a token (--token or $CRM_TOKEN), or a username with the
/// password from $CRM_PASSWORD or --password-file. Never a password on the command line, where ps and shell history see it.
/// </summary>
public sealed class ConnectionOptions
{
    public Option<Uri> Url { get; } = new("--url")
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

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "A bearer token (default: $CRM_TOKEN).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CRM_TOKEN"),
        Recursive = true,
    };

    public Option<string?> User { get; } = new("--user")
    {
        Description = "Sign in as this user (default: $CRM_USER); the password comes from $CRM_PASSWORD or --password-file.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CRM_USER"),
        Recursive = true,
    };

    public Option<FileInfo?> PasswordFile { get; } = new("--password-file")
    {
        Description = "A file holding the password of --user.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Url, Token, User, PasswordFile];

    /// <summary>A signed-in API client, or a message saying what is missing.</summary>
    public async Task<CrmApiClient> ConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = parse.GetValue(Url), Timeout = TimeSpan.FromMinutes(2) };
        var api = new CrmApiClient(http);
        if (parse.GetValue(Token) is { Length: > 0 } token)
        {
            api.UseToken(token);
            return api;
        }

        var user = parse.GetValue(User);
        if (string.IsNullOrWhiteSpace(user))
        {
            throw new CrmApiException("Sign in first: pass --token (or set CRM_TOKEN), or --user with CRM_PASSWORD or --password-file.");
        }

        var password = parse.GetValue(PasswordFile) is { } file
            ? (file.Exists ? (await File.ReadAllTextAsync(file.FullName, cancellationToken)).Trim() : throw new CrmApiException($"--password-file: {file.FullName} does not exist."))
            : Environment.GetEnvironmentVariable("CRM_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            throw new CrmApiException($"No password for --user {user}: set CRM_PASSWORD or pass --password-file.");
        }

        await api.SignInAsync(user, password, cancellationToken);
        return api;
    }
}
