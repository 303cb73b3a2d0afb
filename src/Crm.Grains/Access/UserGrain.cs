using System.Security.Cryptography;
using Crm.Contracts.Access;
using Crm.Domain.Access;
using Crm.Domain.Localization;
using Microsoft.AspNetCore.Identity;

namespace Crm.Grains.Access;

/// <summary>
/// A user account: password hash (ASP.NET Core Identity's PBKDF2 hasher), lockout, memberships and the session stamp
/// every request is checked against. Hashing runs here, in the silo, so hashes never leave storage and the silo.
/// </summary>
public sealed class UserGrain(
    [PersistentState("user", CrmStorage.Name)] IPersistentState<UserState> state,
    IGrainFactory grains,
    TimeProvider time) : Grain, IUserGrain
{
    private const int MaxDisplayNameLength = Crm.Domain.Access.AccountRules.MaxDisplayNameLength;
    private static readonly PasswordHasher<string> Hasher = new();

    private string Username => this.GetPrimaryKeyString();

    public async Task<CreatedUser> CreateAsync(NewUser user, string actor)
    {
        var problems = new List<FieldError>();
        if (!Usernames.IsValid(Username))
        {
            problems.Add(new("username", Usernames.Rule));
        }

        var displayName = user.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > MaxDisplayNameLength)
        {
            problems.Add(new("displayName", $"A display name of 1-{MaxDisplayNameLength} characters is required."));
        }

        if (user.Password is not null && PasswordRules.Check(user.Password) is { } weak)
        {
            problems.Add(new(weak.Field, weak.Message));
        }

        var memberships = MembershipRules.Validate(user.Memberships.IsDefault ? [] : user.Memberships, problems);
        if (!user.IsPlatformOperator && memberships.Length == 0 && problems.Count == 0)
        {
            problems.Add(new("roles", "A user needs at least one role in a tenant."));
        }

        ThrowIfAny(problems);
        if (state.State.Exists)
        {
            throw new ConflictException($"The username '{Username}' is taken.");
        }

        // Tenants first: a membership must never point at a tenant that does not exist, and a listed member is
        // verified against this grain, so a crash between the two writes leaves nothing visible.
        foreach (var membership in memberships)
        {
            await grains.GetGrain<ITenantGrain>(membership.TenantId).AddMemberAsync(Username);
        }

        var password = user.Password ?? PasswordRules.Generate();
        state.State = new UserState
        {
            DisplayName = displayName,
            PasswordHash = Hasher.HashPassword(Username, password),
            IsPlatformOperator = user.IsPlatformOperator,
            Memberships = memberships,
            Stamp = NewStamp(),
            CreatedAt = time.GetUtcNow(),
        };
        await state.WriteStateAsync();
        return new CreatedUser(View(), user.Password is null ? password : null);
    }

    public Task<UserView?> GetAsync() => Task.FromResult(state.State.Exists ? View() : null);

    public async Task<SignInAttempt> SignInAsync(string password)
    {
        var now = time.GetUtcNow();
        if (!state.State.Exists)
        {
            // Same cost as a real check, so timing does not tell which usernames exist.
            Hasher.VerifyHashedPassword(Username, DummyHash.Value, password ?? "");
            return new SignInAttempt(SignInOutcome.Failed, null, null, null);
        }

        if (LockoutPolicy.IsLocked(state.State.LockedUntil, now))
        {
            return new SignInAttempt(SignInOutcome.LockedOut, null, null, state.State.LockedUntil);
        }

        var verdict = string.IsNullOrEmpty(password) || password.Length > PasswordRules.MaxLength
            ? PasswordVerificationResult.Failed
            : Hasher.VerifyHashedPassword(Username, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var (failures, lockedUntil) = LockoutPolicy.AfterFailure(state.State.FailedSignIns, now);
            state.State = state.State with { FailedSignIns = failures, LockedUntil = lockedUntil };
            await state.WriteStateAsync();
            return lockedUntil is null
                ? new SignInAttempt(SignInOutcome.Failed, null, null, null)
                : new SignInAttempt(SignInOutcome.LockedOut, null, null, lockedUntil);
        }

        var next = state.State with { FailedSignIns = 0, LockedUntil = null };
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            next = next with { PasswordHash = Hasher.HashPassword(Username, password) };
        }

        if (next != state.State)
        {
            state.State = next;
            await state.WriteStateAsync();
        }

        return new SignInAttempt(SignInOutcome.Succeeded, Session(), state.State.Stamp, null);
    }

    public Task<UserSession?> GetSessionAsync(string stamp) =>
        Task.FromResult(state.State.Exists && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(state.State.Stamp), System.Text.Encoding.UTF8.GetBytes(stamp ?? ""))
            ? Session()
            : null);

    public async Task<UserView> SetRolesAsync(string tenantId, ImmutableArray<Role> roles, string actor)
    {
        RequireExisting();
        var problems = new List<FieldError>();
        var membership = MembershipRules.Validate([new TenantMembership(tenantId, roles.IsDefault ? [] : roles)], problems, allowEmptyRoles: true);
        ThrowIfAny(problems);

        var others = state.State.Memberships.Where(m => m.TenantId != tenantId).ToImmutableArray();
        if (membership[0].Roles.IsEmpty)
        {
            state.State = state.State with { Memberships = others };
            await state.WriteStateAsync();
            await grains.GetGrain<ITenantGrain>(tenantId).RemoveMemberAsync(Username);
        }
        else
        {
            await grains.GetGrain<ITenantGrain>(tenantId).AddMemberAsync(Username);
            state.State = state.State with { Memberships = others.Add(membership[0]) };
            await state.WriteStateAsync();
        }

        return View();
    }

    public async Task<string> ResetPasswordAsync(string actor)
    {
        RequireExisting();
        var password = PasswordRules.Generate();
        state.State = state.State with
        {
            PasswordHash = Hasher.HashPassword(Username, password),
            Stamp = NewStamp(),
            FailedSignIns = 0,
            LockedUntil = null,
        };
        await state.WriteStateAsync();
        return password;
    }

    public async Task<string> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        RequireExisting();
        var now = time.GetUtcNow();
        if (LockoutPolicy.IsLocked(state.State.LockedUntil, now))
        {
            throw new ValidationFailedException([new FieldError("currentPassword", "Too many wrong passwords: the account is locked for a while.")]);
        }

        // Wrong guesses here count like failed sign-ins, so a stolen session cannot try passwords without limit.
        if (string.IsNullOrEmpty(currentPassword) || currentPassword.Length > PasswordRules.MaxLength
            || Hasher.VerifyHashedPassword(Username, state.State.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            var (failures, lockedUntil) = LockoutPolicy.AfterFailure(state.State.FailedSignIns, now);
            state.State = state.State with { FailedSignIns = failures, LockedUntil = lockedUntil };
            await state.WriteStateAsync();
            throw new ValidationFailedException([new FieldError("currentPassword", "The current password is not right.")]);
        }

        if (PasswordRules.Check(newPassword, "newPassword") is { } weak)
        {
            throw new ValidationFailedException([new FieldError(weak.Field, weak.Message)]);
        }

        state.State = state.State with { PasswordHash = Hasher.HashPassword(Username, newPassword), Stamp = NewStamp() };
        await state.WriteStateAsync();
        return state.State.Stamp;
    }

    public async Task<UserView> SetLanguageAsync(string? language)
    {
        RequireExisting();
        var normalized = Languages.Normalize(language);
        if (language is not null && normalized is null)
        {
            throw new ValidationFailedException([new FieldError("language", Languages.Rule)]);
        }

        if (state.State.Language != normalized)
        {
            state.State = state.State with { Language = normalized };
            await state.WriteStateAsync();
        }

        return View();
    }

    private void RequireExisting()
    {
        if (!state.State.Exists)
        {
            throw new NotFoundException($"No user '{Username}'.");
        }
    }

    private UserSession Session() =>
        new(Username, state.State.DisplayName!, state.State.IsPlatformOperator, state.State.Memberships, state.State.Language);

    private UserView View() =>
        new(Username, state.State.DisplayName!, state.State.IsPlatformOperator, state.State.Memberships, state.State.CreatedAt, state.State.LockedUntil,
            state.State.Language);

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static void ThrowIfAny(List<FieldError> problems)
    {
        if (problems.Count > 0)
        {
            throw new ValidationFailedException([.. problems]);
        }
    }

    private static class DummyHash
    {
        public static readonly string Value = Hasher.HashPassword("", PasswordRules.Generate());
    }
}
