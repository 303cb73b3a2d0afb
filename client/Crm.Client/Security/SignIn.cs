using Crm.Contracts.Access;
using Crm.Contracts.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Security;

/// <summary>The password check shared by the web form and the token endpoint.</summary>
public static class SignIn
{
    /// <summary>The username and stamp to put in a cookie or token, or null; never says which part was wrong.</summary>
    public static async Task<(string Username, string Stamp)?> CheckAsync(IClusterClient cluster, AuditTrail audit, string? username, string? password)
    {
        var normalized = Usernames.Normalize(username ?? "");
        if (!Usernames.IsValid(normalized) || string.IsNullOrEmpty(password))
        {
            await audit.RecordAsync(UnknownUser, AuditTenant.Platform, AuditAction.SignInFailed, AuditTargetType.User, UnknownUser);
            return null;
        }

        var attempt = await cluster.GetGrain<IUserGrain>(normalized).SignInAsync(password);
        if (attempt is { Outcome: SignInOutcome.Succeeded, Stamp: { } stamp })
        {
            await audit.RecordAsync(normalized, AuditTenant.Platform, AuditAction.SignIn, AuditTargetType.User, normalized);
            return (normalized, stamp);
        }

        await audit.RecordAsync(normalized, AuditTenant.Platform, AuditAction.SignInFailed, AuditTargetType.User, normalized, attempt.Outcome.ToString());
        return null;
    }

    // Sign-in attempts with a name that is not a username are logged under one name, not the text typed (which may be a password).
    private const string UnknownUser = "unknown";

    public static ProblemHttpResult Refused() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in refused.",
            detail: "Wrong username or password, or the account is locked for a while after repeated failures.");
}
