namespace Crm.Client.Security;

public sealed class SecurityOptions
{
    public const string SectionName = "Crm:Security";

    /// <summary>How long a web sign-in lasts without activity (sliding).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long an API token lasts; the CLI signs in again after that.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Sign-in attempts per client address per minute, on top of per-account lockout.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>
    /// Mark the sign-in cookie Secure. Off for plain-HTTP local runs; turn it on behind a TLS-terminating proxy, where
    /// the app itself sees HTTP and would otherwise let the cookie travel unencrypted.
    /// </summary>
    public bool HttpsOnlyCookies { get; set; }

    /// <summary>
    /// Where cookie and token keys live. Unset: ASP.NET Core's per-user default. Several front ends behind one address
    /// must share this folder (or another key store), or tokens from one are refused by the next.
    /// </summary>
    public string? DataProtectionKeysPath { get; set; }
}
