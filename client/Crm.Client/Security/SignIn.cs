using Crm.Contracts.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Security;

/// <summary>The password check shared by the web form and the token endpoint.</summary>
public static class SignIn
{
    /// <summary>The username and stamp to put in a cookie or token, or null; never says which part was wrong.</summary>
    public static async Task<(string Username, string Stamp)?> CheckAsync(IClusterClient cluster, string? username, string? password)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var normalized = Usernames.Normalize(username);
        if (!Usernames.IsValid(normalized))
        {
            return null;
        }

        var attempt = await cluster.GetGrain<IUserGrain>(normalized).SignInAsync(password);
        return attempt is { Outcome: SignInOutcome.Succeeded, Stamp: { } stamp } ? (normalized, stamp) : null;
    }

    public static ProblemHttpResult Refused() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Sign-in refused.",
            detail: "Wrong username or password, or the account is locked for a while after repeated failures.");
}
