using Orleans.Concurrency;

namespace Crm.Contracts.Access;

/// <summary>
/// One user account, keyed by its lower-case username (see <see cref="Usernames"/>). Users are platform-wide so that
/// one person can work for several tenants; what they may do is per tenant, in their memberships.
/// </summary>
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; an existing username is a conflict. Every tenant named must exist.</summary>
    Task<CreatedUser> CreateAsync(NewUser user, string actor);

    /// <summary>
    /// Interleaves because the tenant grain calls it while listing members, at the same time as this grain may be
    /// waiting on that tenant (create, set roles): without it the two wait on each other. It only reads state.
    /// </summary>
    [AlwaysInterleave]
    Task<UserView?> GetAsync();

    /// <summary>Checks the password; repeated failures lock the account for a while.</summary>
    Task<SignInAttempt> SignInAsync(string password);

    /// <summary>The current session when <paramref name="stamp"/> is still valid; null when the user is gone or the stamp was revoked.</summary>
    Task<UserSession?> GetSessionAsync(string stamp);

    /// <summary>Sets the user's roles in one tenant; an empty list removes the membership.</summary>
    Task<UserView> SetRolesAsync(string tenantId, ImmutableArray<Role> roles, string actor);

    /// <summary>Replaces the password with a generated one, returned once, and signs the user out everywhere.</summary>
    Task<string> ResetPasswordAsync(string actor);

    /// <summary>The user changes their own password; every other session ends.</summary>
    Task<string> ChangePasswordAsync(string currentPassword, string newPassword);

    /// <summary>The user's own language ("en" or "zh-CN"); null goes back to the tenant's default.</summary>
    Task<UserView> SetLanguageAsync(string? language);
}
