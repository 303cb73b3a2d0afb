namespace Crm.Domain.Access;

/// <summary>The lengths of a tenant's and a user's names, checked by their grains and declared by the API's binding layer.</summary>
public static class AccountRules
{
    public const int MaxTenantNameLength = 100;
    public const int MaxDisplayNameLength = 100;
}
