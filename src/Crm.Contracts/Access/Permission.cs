namespace Crm.Contracts.Access;

/// <summary>What an endpoint or page needs. Roles grant permissions through <see cref="AccessRules"/>; nothing else does.</summary>
public enum Permission
{
    CustomersRead,
    CustomersWrite,
    CustomersErase,
    CustomersExport,

    /// <summary>See names, phones, emails and addresses unmasked; without it they are shown masked.</summary>
    PersonalDataView,
    AuditRead,
    UsersManage,

    /// <summary>Platform scope: create and list tenants.</summary>
    TenantsManage,
}
