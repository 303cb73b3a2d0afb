using Crm.Contracts.Access;

namespace Crm.Cli.Demo;

/// <summary>
/// The demo tenant's users, one per tenant role. Their names say they are demo accounts; their passwords are generated
/// at seeding, like every other account's, and printed once.
/// </summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<(string Username, string DisplayName, Role Role)> All =
    [
        ("demo-agent", "Demo agent (demo data)", Role.Agent),
        ("demo-lead", "Demo team lead (demo data)", Role.TeamLead),
        ("demo-analyst", "Demo analyst (demo data)", Role.Analyst),
        ("demo-manager", "Demo account manager (demo data)", Role.AccountManager),
        ("demo-admin", "Demo tenant admin (demo data)", Role.TenantAdmin),
    ];

    public const string Admin = "demo-admin";
}
