namespace Crm.Client.Security;

/// <summary>Reads a bearer token from an Authorization header, whatever the case of the scheme name.</summary>
public static class BearerScheme
{
    public const string Name = "Bearer";

    /// <summary>The token after "Bearer " (any case), or null when the header carries another scheme or none.</summary>
    public static string? TokenOf(string? authorization)
    {
        if (authorization is null || authorization.Length <= Name.Length + 1
            || !authorization.StartsWith(Name, StringComparison.OrdinalIgnoreCase) || authorization[Name.Length] != ' ')
        {
            return null;
        }

        var token = authorization[(Name.Length + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }
}
