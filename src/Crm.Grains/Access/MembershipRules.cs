using Crm.Contracts.Access;

namespace Crm.Grains.Access;

/// <summary>Shapes of memberships a caller may send: real tenant ids, tenant roles only, each tenant once.</summary>
internal static class MembershipRules
{
    public static ImmutableArray<TenantMembership> Validate(
        IReadOnlyList<TenantMembership> memberships, List<FieldError> problems, bool allowEmptyRoles = false)
    {
        var result = ImmutableArray.CreateBuilder<TenantMembership>();
        for (var i = 0; i < memberships.Count; i++)
        {
            var m = memberships[i];
            if (m is null || !Identifiers.IsTenantId(m.TenantId))
            {
                problems.Add(new($"memberships[{i}].tenantId", "A tenant id is 1-40 lowercase letters, digits or '-'."));
                continue;
            }

            var roles = m.Roles.IsDefault ? [] : m.Roles;
            if (roles.Any(r => !AccessRules.TenantRoles.Contains(r)))
            {
                problems.Add(new("roles", "Roles are " + string.Join(", ", AccessRules.TenantRoles) + "."));
                continue;
            }

            if (roles.IsEmpty && !allowEmptyRoles)
            {
                problems.Add(new("roles", "Name at least one role."));
                continue;
            }

            if (result.Any(r => r.TenantId == m.TenantId))
            {
                problems.Add(new($"memberships[{i}].tenantId", "Each tenant once."));
                continue;
            }

            result.Add(new TenantMembership(m.TenantId, [.. roles.Distinct().Order()]));
        }

        return result.ToImmutable();
    }
}
