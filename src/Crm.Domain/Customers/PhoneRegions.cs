using PhoneNumbers;

namespace Crm.Domain.Customers;

/// <summary>
/// A tenant's default phone region: the country whose calling code a number typed without '+' belongs to, so that
/// "138 0013 8000" and "+86 138 0013 8000" are one number. Regions are ISO 3166 two-letter codes that have a calling
/// code in libphonenumber's metadata.
/// </summary>
public static class PhoneRegions
{
    /// <summary>The default when a tenant sets none: the contracts this product serves are mostly with Chinese platforms.</summary>
    public const string Default = "CN";

    public const string Rule = "A phone region is a two-letter country code with a calling code, such as CN, HK or US.";

    /// <summary>The upper-case region, or null when it is not one libphonenumber knows.</summary>
    public static string? Normalize(string? region)
    {
        var upper = region?.Trim().ToUpperInvariant();
        return upper is { Length: 2 } && PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(upper) ? upper : null;
    }
}
