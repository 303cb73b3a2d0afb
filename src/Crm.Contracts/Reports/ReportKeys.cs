using System.Globalization;

namespace Crm.Contracts.Reports;

/// <summary>Keys of the report grains.</summary>
public static class ReportKeys
{
    public static string Day(string tenantId, DateOnly day) =>
        tenantId + "/" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static (string TenantId, DateOnly Day) ParseDay(string key)
    {
        var slash = key.LastIndexOf('/');
        return (key[..slash], DateOnly.ParseExact(key[(slash + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
