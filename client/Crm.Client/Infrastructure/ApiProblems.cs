using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Infrastructure;

/// <summary>Problem answers every API area gives the same way.</summary>
public static class ApiProblems
{
    public const string TenantIdRule = "A tenant id is 1-40 lowercase letters, digits or '-'.";

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem InvalidTenant() => Invalid("tenantId", TenantIdRule);
}
