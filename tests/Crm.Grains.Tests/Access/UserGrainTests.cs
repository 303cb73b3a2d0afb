using System.Collections.Immutable;
using Crm.Contracts.Access;
using Crm.Contracts.Common;
using Crm.Domain.Access;
using static Crm.Grains.Tests.Access.AccessBuilder;

namespace Crm.Grains.Tests.Access;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private IUserGrain NewUser(out string username)
    {
        username = NewUsername();
        return fixture.Client.GetGrain<IUserGrain>(username);
    }

    [Fact]
    public async Task SignIn_RightPassword_ReturnsSessionWhoseStampResolves()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out var username);
        await user.CreateAsync(User(tenant, Role.TeamLead, Role.Agent), "op");

        var attempt = await user.SignInAsync(Password);

        Assert.Equal(SignInOutcome.Succeeded, attempt.Outcome);
        Assert.False(string.IsNullOrEmpty(attempt.Stamp));
        Assert.NotNull(attempt.Session);
        Assert.Equal(username, attempt.Session.Username);
        Assert.False(attempt.Session.IsPlatformOperator);
        var membership = Assert.Single(attempt.Session.Memberships);
        Assert.Equal(tenant, membership.TenantId);
        Assert.Equal([Role.Agent, Role.TeamLead], membership.Roles.ToArray());

        var session = await user.GetSessionAsync(attempt.Stamp);
        Assert.NotNull(session);
        Assert.Equal(Expect((tenant, Role.Agent), (tenant, Role.TeamLead)), Flatten(session.Memberships));
        Assert.Null(await user.GetSessionAsync("wrong"));
        Assert.Null(await user.GetSessionAsync(""));
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownUser_FailsWithoutSession()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");

        var wrong = await user.SignInAsync(Password + "x");
        var unknown = await NewUser(out _).SignInAsync(Password);

        Assert.Equal((SignInOutcome.Failed, (UserSession?)null, (string?)null), (wrong.Outcome, wrong.Session, wrong.Stamp));
        Assert.Equal((SignInOutcome.Failed, (UserSession?)null, (string?)null), (unknown.Outcome, unknown.Session, unknown.Stamp));
    }

    [Fact]
    public async Task Create_NullPassword_GeneratesOneThatSignsIn()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);

        var created = await user.CreateAsync(User(tenant) with { Password = null }, "op");

        Assert.NotNull(created.GeneratedPassword);
        Assert.Null(PasswordRules.Check(created.GeneratedPassword));
        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(created.GeneratedPassword)).Outcome);
        Assert.Null((await NewUser(out _).CreateAsync(User(tenant), "op")).GeneratedPassword);
    }

    [Fact]
    public void UserView_HasNoPasswordOrHashProperty()
    {
        var names = typeof(UserView).GetProperties().Select(p => p.Name).ToArray();

        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => n.Contains("Hash", StringComparison.OrdinalIgnoreCase)
            || n.Contains("Password", StringComparison.OrdinalIgnoreCase) || n.Contains("Stamp", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("A B")]
    [InlineData("x")]
    [InlineData("Upper")]
    public async Task Create_BadUsername_NamesUsername(string username)
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = fixture.Client.GetGrain<IUserGrain>(username);

        await AssertInvalidAsync(() => user.CreateAsync(User(tenant), "op"), "username");
        Assert.Null(await user.GetAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Create_EmptyDisplayName_NamesDisplayName(string displayName)
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);

        await AssertInvalidAsync(() => user.CreateAsync(User(tenant) with { DisplayName = displayName }, "op"), "displayName");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_WeakPassword_NamesPassword()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);

        await AssertInvalidAsync(() => user.CreateAsync(User(tenant) with { Password = "short" }, "op"), "password");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_UnknownTenant_IsNotFoundAndStoresNothing()
    {
        var user = NewUser(out var username);
        var missing = NewTenantId();

        await Assert.ThrowsAsync<NotFoundException>(() => user.CreateAsync(User(missing), "op"));

        Assert.Null(await user.GetAsync());
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync(Password)).Outcome);
        Assert.Null(await fixture.Client.GetGrain<ITenantGrain>(missing).GetAsync());
    }

    [Fact]
    public async Task Create_KnownThenUnknownTenant_IsNotFoundAndTheKnownTenantDoesNotListTheUser()
    {
        var known = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        var both = new NewUser("Li Wei", Password, false,
            [new TenantMembership(known, [Role.Agent]), new TenantMembership(NewTenantId(), [Role.Agent])]);

        await Assert.ThrowsAsync<NotFoundException>(() => user.CreateAsync(both, "op"));

        Assert.Null(await user.GetAsync());
        Assert.Empty(await fixture.Client.GetGrain<ITenantGrain>(known).ListMembersAsync());
    }

    [Fact]
    public async Task Create_PlatformOperatorAsTenantRole_NamesRoles()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);

        await AssertInvalidAsync(() => user.CreateAsync(User(tenant, Role.Agent, Role.PlatformOperator), "op"), "roles");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_SameTenantTwice_NamesTheSecondMembership()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        var twice = new NewUser("Li Wei", Password, false,
            [new TenantMembership(tenant, [Role.Agent]), new TenantMembership(tenant, [Role.Analyst])]);

        await AssertInvalidAsync(() => user.CreateAsync(twice, "op"), "memberships[1].tenantId");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_NoMembershipForNonOperator_NamesRoles()
    {
        var user = NewUser(out _);

        await AssertInvalidAsync(() => user.CreateAsync(new NewUser("Li Wei", Password, false, []), "op"), "roles");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_BadTenantId_NamesTheMembership()
    {
        var user = NewUser(out _);

        await AssertInvalidAsync(() => user.CreateAsync(User("Not A Tenant"), "op"), "memberships[0].tenantId");
        Assert.Null(await user.GetAsync());
    }

    [Fact]
    public async Task Create_Twice_IsConflictAndKeepsTheFirstPassword()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");

        await Assert.ThrowsAsync<ConflictException>(() =>
            user.CreateAsync(User(tenant) with { DisplayName = "Someone Else", Password = "another long password" }, "op"));

        Assert.Equal("Li Wei", (await user.GetAsync())!.DisplayName);
        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(Password)).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync("another long password")).Outcome);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksEvenTheRightPasswordUntilReset()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");

        for (var i = 1; i < LockoutPolicy.MaxFailures; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync("wrong password " + i)).Outcome);
        }

        var locked = await user.SignInAsync("wrong password 5");
        Assert.Equal(SignInOutcome.LockedOut, locked.Outcome);
        Assert.True(locked.LockedUntil > DateTimeOffset.UtcNow);
        Assert.True(locked.LockedUntil <= DateTimeOffset.UtcNow + LockoutPolicy.Duration);
        Assert.Equal(locked.LockedUntil, (await user.GetAsync())!.LockedUntil);

        var right = await user.SignInAsync(Password);
        Assert.Equal(SignInOutcome.LockedOut, right.Outcome);
        Assert.Null(right.Session);
        Assert.Null(right.Stamp);

        var reset = await user.ResetPasswordAsync("op");
        Assert.Null((await user.GetAsync())!.LockedUntil);
        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(reset)).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync(Password)).Outcome);
    }

    [Fact]
    public async Task SignIn_RightPasswordBeforeLimit_ClearsTheFailureCount()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");

        for (var i = 1; i < LockoutPolicy.MaxFailures; i++)
        {
            await user.SignInAsync("wrong password " + i);
        }

        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(Password)).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync("wrong password again")).Outcome);
    }

    [Fact]
    public async Task ResetPassword_RevokesOldStampsAndOldPassword()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");
        var old = (await user.SignInAsync(Password)).Stamp!;

        var reset = await user.ResetPasswordAsync("op");

        Assert.Null(await user.GetSessionAsync(old));
        Assert.Null(PasswordRules.Check(reset));
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync(Password)).Outcome);
        var fresh = await user.SignInAsync(reset);
        Assert.Equal(SignInOutcome.Succeeded, fresh.Outcome);
        Assert.NotEqual(old, fresh.Stamp);
        Assert.NotNull(await user.GetSessionAsync(fresh.Stamp!));
    }

    [Fact]
    public async Task ChangePassword_RightCurrent_RevokesOldStampsAndReturnsAWorkingOne()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");
        var old = (await user.SignInAsync(Password)).Stamp!;

        var stamp = await user.ChangePasswordAsync(Password, "a brand new passphrase");

        Assert.Null(await user.GetSessionAsync(old));
        Assert.NotNull(await user.GetSessionAsync(stamp));
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync(Password)).Outcome);
        var signedIn = await user.SignInAsync("a brand new passphrase");
        Assert.Equal(SignInOutcome.Succeeded, signedIn.Outcome);
        Assert.Equal(stamp, signedIn.Stamp);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_NamesCurrentPasswordAndChangesNothing()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");
        var stamp = (await user.SignInAsync(Password)).Stamp!;

        await AssertInvalidAsync(() => user.ChangePasswordAsync("not the password", "a brand new passphrase"), "currentPassword");

        Assert.NotNull(await user.GetSessionAsync(stamp));
        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(Password)).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await user.SignInAsync("a brand new passphrase")).Outcome);
    }

    [Fact]
    public async Task ChangePassword_RepeatedWrongCurrent_LocksTheAccountLikeFailedSignIns()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");

        for (var i = 0; i < 5; i++)
        {
            await AssertInvalidAsync(() => user.ChangePasswordAsync("guess " + i, "a brand new passphrase"), "currentPassword");
        }

        Assert.Equal(SignInOutcome.LockedOut, (await user.SignInAsync(Password)).Outcome);
        await AssertInvalidAsync(() => user.ChangePasswordAsync(Password, "a brand new passphrase"), "currentPassword");
    }

    [Fact]
    public async Task ChangePassword_WeakNew_NamesNewPasswordAndChangesNothing()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant), "op");
        var stamp = (await user.SignInAsync(Password)).Stamp!;

        await AssertInvalidAsync(() => user.ChangePasswordAsync(Password, "short"), "newPassword");

        Assert.NotNull(await user.GetSessionAsync(stamp));
        Assert.Equal(SignInOutcome.Succeeded, (await user.SignInAsync(Password)).Outcome);
    }

    [Fact]
    public async Task SetRoles_AddChangeRemove_TenantListsAndSessionFollowAtOnce()
    {
        var first = await CreateTenantAsync(fixture.Client);
        var second = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out var username);
        await user.CreateAsync(User(first, Role.Agent), "op");
        var stamp = (await user.SignInAsync(Password)).Stamp!;
        var secondTenant = fixture.Client.GetGrain<ITenantGrain>(second);
        Assert.Empty(await secondTenant.ListMembersAsync());

        var added = await user.SetRolesAsync(second, [Role.Analyst], "op");
        Assert.Equal(Expect((first, Role.Agent), (second, Role.Analyst)), Flatten(added.Memberships));
        Assert.Equal(Expect((second, Role.Analyst)), Flatten(Assert.Single(await secondTenant.ListMembersAsync()).Memberships.Where(m => m.TenantId == second)));
        Assert.Equal(Expect((first, Role.Agent), (second, Role.Analyst)), Flatten((await user.GetSessionAsync(stamp))!.Memberships));

        await user.SetRolesAsync(second, [Role.TenantAdmin, Role.TeamLead], "op");
        Assert.Equal(Expect((first, Role.Agent), (second, Role.TeamLead), (second, Role.TenantAdmin)), Flatten((await user.GetSessionAsync(stamp))!.Memberships));
        Assert.Equal(username, Assert.Single(await secondTenant.ListMembersAsync()).Username);

        var removed = await user.SetRolesAsync(second, [], "op");
        Assert.Equal(Expect((first, Role.Agent)), Flatten(removed.Memberships));
        Assert.Empty(await secondTenant.ListMembersAsync());
        Assert.Equal(Expect((first, Role.Agent)), Flatten((await user.GetSessionAsync(stamp))!.Memberships));
        Assert.Equal(username, Assert.Single(await fixture.Client.GetGrain<ITenantGrain>(first).ListMembersAsync()).Username);
    }

    [Fact]
    public async Task SetRoles_BadInput_NamesTheFieldAndChangesNothing()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var user = NewUser(out _);
        await user.CreateAsync(User(tenant, Role.Agent), "op");

        await AssertInvalidAsync(() => user.SetRolesAsync(tenant, [Role.PlatformOperator], "op"), "roles");
        await AssertInvalidAsync(() => user.SetRolesAsync("Bad Tenant", [Role.Agent], "op"), "memberships[0].tenantId");
        await Assert.ThrowsAsync<NotFoundException>(() => user.SetRolesAsync(NewTenantId(), [Role.Agent], "op"));
        await Assert.ThrowsAsync<NotFoundException>(() => NewUser(out _).SetRolesAsync(tenant, [Role.Agent], "op"));

        Assert.Equal(Expect((tenant, Role.Agent)), Flatten((await user.GetAsync())!.Memberships));
    }

    [Fact]
    public async Task State_SurvivesAClusterRestart()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var username = NewUsername();
        await fixture.Client.GetGrain<IUserGrain>(username).CreateAsync(User(tenant, Role.TenantAdmin), "op");
        var stamp = (await fixture.Client.GetGrain<IUserGrain>(username).SignInAsync(Password)).Stamp!;

        await fixture.RestartClusterAsync();

        var user = fixture.Client.GetGrain<IUserGrain>(username);
        var attempt = await user.SignInAsync(Password);
        Assert.Equal(SignInOutcome.Succeeded, attempt.Outcome);
        Assert.Equal(stamp, attempt.Stamp);
        Assert.Equal(Expect((tenant, Role.TenantAdmin)), Flatten(attempt.Session!.Memberships));
        Assert.Equal(username, Assert.Single(await fixture.Client.GetGrain<ITenantGrain>(tenant).ListMembersAsync()).Username);
    }

    [Fact]
    public async Task Create_TwoUsersSamePassword_GetDifferentStamps()
    {
        var tenant = await CreateTenantAsync(fixture.Client);
        var first = NewUser(out _);
        var second = NewUser(out _);
        await first.CreateAsync(User(tenant), "op");
        await second.CreateAsync(User(tenant), "op");

        var a = await first.SignInAsync(Password);
        var b = await second.SignInAsync(Password);

        Assert.NotEqual(a.Stamp, b.Stamp);
        Assert.Null(await second.GetSessionAsync(a.Stamp!));
    }

    private static (string, Role)[] Flatten(IEnumerable<TenantMembership> memberships) =>
        [.. memberships.SelectMany(m => m.Roles.Select(r => (m.TenantId, r))).Order()];

    private static (string, Role)[] Expect(params (string, Role)[] cells) => [.. cells.Order()];
}
