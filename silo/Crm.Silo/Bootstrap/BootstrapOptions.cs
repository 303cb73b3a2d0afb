namespace Crm.Silo.Bootstrap;

/// <summary>The first platform operator, created on the first start of an empty deployment.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Crm:Bootstrap";

    public string AdminUsername { get; set; } = "admin";

    /// <summary>For automated setups and tests only; when unset a password is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Where to also write a generated password (mode 0600), for scripts such as run.sh.</summary>
    public string? PasswordFile { get; set; }
}
