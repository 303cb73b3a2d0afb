namespace Crm.Domain.Webhooks;

/// <summary>Which receiver URLs a tenant may set: absolute https, or plain http only to this machine for local testing.</summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2000;

    /// <summary>The problem with <paramref name="url"/>, or null when it is acceptable.</summary>
    public static string? Problem(string url)
    {
        if (url.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "An absolute URL such as https://example.com/hooks/crm is required.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The URL must not carry a user name or password.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "The URL must not carry a fragment ('#...').";
        }

        return uri.Scheme switch
        {
            "https" => null,
            // Only a receiver on this machine may go without TLS: tests and local development.
            "http" when uri.Host is "localhost" or "127.0.0.1" => null,
            _ => "The URL must use https (plain http only for localhost or 127.0.0.1).",
        };
    }
}
