namespace Crm.Contracts.Audit;

/// <summary>What kind of thing an audit entry is about. Values are stored: never renumber, only add.</summary>
public enum AuditTargetType
{
    Customer = 0,
    Case = 1,
    Report = 2,
    User = 3,
    Tenant = 4,
    Survey = 5,
    Model = 6,
}
