namespace Crm.Contracts.Audit;

/// <summary>What an audit entry records. Values are stored: never renumber, only add.</summary>
public enum AuditAction
{
    Read = 0,
    Create = 1,
    Update = 2,
    Erase = 3,
    Export = 4,
    Lookup = 5,

    /// <summary>A search by name or case text; the entry records what was searched and how much was found, never the query.</summary>
    Search = 6,
    SignIn = 10,
    SignInFailed = 11,
    SignOut = 12,
    UserCreated = 20,
    RolesChanged = 21,
    PasswordReset = 22,
    TenantCreated = 30,
    ModelTrained = 40,
    ModelActivated = 41,
    ModelRolledBack = 42,
    ModelRetrainingChanged = 43,
}
