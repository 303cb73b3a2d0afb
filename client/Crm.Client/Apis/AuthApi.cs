using System.ComponentModel.DataAnnotations;
using Crm.Client.Security;
using Crm.Contracts.Access;
using Crm.Domain.Access;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Crm.Client.Apis;

public sealed record TokenRequest(
    [property: MaxLength(Usernames.MaxLength)] string? Username, [property: MaxLength(PasswordRules.MaxLength)] string? Password);

public sealed record PasswordChangeRequest(
    [property: MaxLength(PasswordRules.MaxLength)] string? CurrentPassword, [property: MaxLength(PasswordRules.MaxLength)] string? NewPassword);

/// <summary>Tokens for the API and the CLI, and the signed-in user's own account.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/token", IssueTokenAsync).WithTags("Auth").WithName("IssueToken")
            .WithSummary("Exchanges a username and password for a bearer token (rate-limited; accounts lock after repeated failures).")
            .AllowAnonymous()
            .RequireRateLimiting(SecurityExtensions.SignInRateLimit)
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        var me = app.MapGroup("/api/me").WithTags("Auth").RequireAuthorization();
        me.MapGet("/", GetMe).WithName("GetMe").WithSummary("Who the token belongs to, and their roles per tenant.");
        me.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Changes your password; every session and token you hold ends.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> IssueTokenAsync(TokenRequest request, IClusterClient cluster, AuditTrail audit)
    {
        var session = await SignIn.CheckAsync(cluster, audit, request.Username, request.Password);
        if (session is null)
        {
            return SignIn.Refused();
        }

        return TypedResults.SignIn(
            CrmClaims.ForSignIn(session.Value.Username, session.Value.Stamp, BearerTokenDefaults.AuthenticationScheme),
            authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
    }

    public static Ok<UserSession> GetMe(HttpContext context) =>
        TypedResults.Ok(new UserSession(
            context.User.Username(), context.User.DisplayNameOf(), context.User.IsPlatformOperator(), context.User.Memberships(),
            context.User.FindFirst(CrmClaims.Language)?.Value));

    public static async Task<NoContent> ChangePasswordAsync(PasswordChangeRequest request, HttpContext context, IClusterClient cluster)
    {
        await cluster.GetGrain<IUserGrain>(context.User.Username()).ChangePasswordAsync(request.CurrentPassword ?? "", request.NewPassword ?? "");
        return TypedResults.NoContent();
    }
}
