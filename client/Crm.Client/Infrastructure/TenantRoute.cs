namespace Crm.Client.Infrastructure;

/// <summary>Which tenant an address is about: "/t/{tenant}/…" for pages, "/api/tenants/{tenant}/…" for the API.</summary>
public static class TenantRoute
{
    public static string? Of(string pathOrUri)
    {
        var path = Uri.TryCreate(pathOrUri, UriKind.Absolute, out var uri) ? uri.AbsolutePath : pathOrUri;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 2 && parts[0] == "t")
        {
            return Uri.UnescapeDataString(parts[1]);
        }

        return parts.Length >= 3 && parts[0] == "api" && parts[1] == "tenants" ? Uri.UnescapeDataString(parts[2]) : null;
    }
}
