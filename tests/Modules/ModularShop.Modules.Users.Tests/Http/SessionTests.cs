using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>
/// A token is only as good as the state it was issued in: a role change, a block, a sign-out or a detected refresh-token
/// reuse ends the tokens it concerns on the next request, not when they expire.
/// </summary>
public sealed class SessionTests(AdminUsersFactory factory) : IClassFixture<AdminUsersFactory>
{
    private const string Categories = "/api/admin/catalog/categories";

    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demoted_admins_token_is_refused_at_once_everywhere_and_the_refreshed_token_is_a_customers()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var user = await _users.RegisterUserAsync();
        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "admin", "customer" } }, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);
        var tokens = await _users.SignInAsync(user.Email);
        var formerAdmin = _users.NewClient(tokens.AccessToken);
        await (await formerAdmin.PostAsJsonAsync(Categories, new { name = "Before demotion" }, Ct)).ExpectStatusAsync(HttpStatusCode.Created);

        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{user.Id}/roles", new { roles = new[] { "customer" } }, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);

        // The token still says admin and is unexpired, and it is refused in every module.
        UsersDriver.RolesIn(tokens.AccessToken).ShouldContain("admin");
        await (await formerAdmin.PostAsJsonAsync(Categories, new { name = "After demotion" }, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await formerAdmin.GetAsync(UsersDriver.AdminUsers, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await formerAdmin.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        // Refreshing gives the user a token with the roles they have now.
        var renewed = await (await _users.RefreshAsync(tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        UsersDriver.RolesIn(renewed.AccessToken).ShouldBe(["customer"]);
        var customer = _users.NewClient(renewed.AccessToken);
        await (await customer.PostAsJsonAsync(Categories, new { name = "Still not" }, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await (await customer.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Roles.ShouldBe(["customer"]);
    }

    [Fact]
    public async Task A_promoted_user_keeps_working_and_gets_admin_rights_with_the_next_token()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var session = await _users.NewCustomerAsync();

        await (await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{session.User.Id}/roles", new { roles = new[] { "admin", "customer" } }, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);

        // The old token is refused (its roles are stale); the next one carries admin.
        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var renewed = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        await (await _users.NewClient(renewed.AccessToken).GetAsync(UsersDriver.AdminUsers, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_ends_that_sessions_access_token_and_leaves_the_users_other_sessions_alone()
    {
        var session = await _users.NewCustomerAsync();
        var otherDevice = _users.NewClient((await _users.SignInAsync(session.User.Email)).AccessToken);

        await (await session.Client.PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = session.Tokens.RefreshToken }, Ct))
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await otherDevice.GetAsync(UsersDriver.Me, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_with_a_refreshed_token_ends_every_token_of_that_sign_in()
    {
        var session = await _users.NewCustomerAsync();
        var renewed = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();

        await (await _users.NewClient(renewed.AccessToken).PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = renewed.RefreshToken }, Ct))
            .ExpectStatusAsync(HttpStatusCode.NoContent);

        // The first access token of the same sign-in is unexpired, and ended with it.
        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _users.NewClient(renewed.AccessToken).GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_reused_refresh_token_ends_the_access_tokens_of_its_sign_in()
    {
        var session = await _users.NewCustomerAsync();
        var renewed = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        var thief = _users.NewClient(renewed.AccessToken);
        await (await thief.GetAsync(UsersDriver.Me, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

        (await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code
            .ShouldBe("users.refresh_token_reused");

        await (await thief.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_blocked_user_loses_every_session_at_once_and_cannot_sign_in_until_unblocked()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var session = await _users.NewCustomerAsync();
        var secondDevice = await _users.SignInAsync(session.User.Email);

        var blocked = await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{session.User.Id}/block", null, Ct)).ReadJsonAsync<UserDto>();

        blocked.Blocked.ShouldBeTrue();
        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        await (await _users.NewClient(secondDevice.AccessToken).GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        (await (await _users.RefreshAsync(secondDevice.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code.ShouldBe("users.account_blocked");
        (await (await _users.LoginAsync(session.User.Email, UsersDriver.Password)).ReadProblemAsync(HttpStatusCode.Forbidden)).Code.ShouldBe("users.account_blocked");
        // A wrong password learns nothing about the block.
        (await (await _users.LoginAsync(session.User.Email, "wrong password 1")).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code
            .ShouldBe("users.invalid_credentials");

        var unblocked = await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{session.User.Id}/unblock", null, Ct)).ReadJsonAsync<UserDto>();

        unblocked.Blocked.ShouldBeFalse();
        // Sessions ended by the block stay ended; signing in works again.
        await (await _users.RefreshAsync(secondDevice.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var fresh = await _users.SignInAsync(session.User.Email);
        await (await _users.NewClient(fresh.AccessToken).GetAsync(UsersDriver.Me, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_token_minted_while_its_session_was_being_ended_cannot_be_used()
    {
        var session = await _users.NewCustomerAsync();
        var renewed = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        // What a sign-out racing that refresh leaves behind: the rows it saw revoked, the refresh's new row not.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(
                "UPDATE users.refresh_tokens SET revoked_at = now() WHERE user_id = @id AND used_at IS NOT NULL", connection);
            command.Parameters.AddWithValue("id", session.User.Id);
            (await command.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }

        (await (await _users.RefreshAsync(renewed.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code
            .ShouldBe("users.invalid_refresh_token");
    }

    [Fact]
    public async Task Only_a_current_admin_unblocks_and_never_themselves()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var adminId = (await (await admin.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Id;
        var customer = await _users.NewCustomerAsync();
        var victim = await _users.RegisterUserAsync();
        await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{victim.Id}/block", null, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

        await (await customer.Client.PostAsync($"{UsersDriver.AdminUsers}/{victim.Id}/unblock", null, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        (await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{adminId}/unblock", null, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden)).Code
            .ShouldBe("users.not_admin");

        (await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{victim.Id}/unblock", null, Ct)).ReadJsonAsync<UserDto>()).Blocked.ShouldBeFalse();
    }

    [Fact]
    public async Task Blocking_is_for_current_admins_not_for_oneself_and_unknown_users_are_404()
    {
        var admin = await _users.SignInConfiguredAdminAsync();
        var adminId = (await (await admin.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>()).Id;
        var customer = await _users.NewCustomerAsync();
        var victim = await _users.RegisterUserAsync();

        (await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{adminId}/block", null, Ct)).ReadProblemAsync(HttpStatusCode.Conflict)).Code
            .ShouldBe("users.cannot_block_self");
        await (await admin.PostAsync($"{UsersDriver.AdminUsers}/{Guid.NewGuid()}/block", null, Ct)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await customer.Client.PostAsync($"{UsersDriver.AdminUsers}/{victim.Id}/block", null, Ct)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _users.Anonymous.PostAsync($"{UsersDriver.AdminUsers}/{victim.Id}/block", null, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);

        await (await _users.NewClient(factory.TokenFor(victim.Id)).GetAsync(UsersDriver.Me, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
    }
}

/// <summary>Zero session cache: every request reads the user's state, as another instance would see it after the cache runs out.</summary>
public sealed class UncachedSessionUsersFactory : AdminUsersFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:SessionCacheDuration"] = "00:00:00";
    }
}

/// <summary>A change made by another instance (here: straight in the database) reaches this one's token checks.</summary>
public sealed class CrossInstanceSessionTests(UncachedSessionUsersFactory factory) : IClassFixture<UncachedSessionUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Roles_changed_by_another_instance_end_this_instances_tokens_once_its_cache_runs_out()
    {
        var session = await _users.NewCustomerAsync();
        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ExpectStatusAsync(HttpStatusCode.OK);

        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(
                "UPDATE users.users SET roles = '{admin,customer}', security_stamp = gen_random_uuid() WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", session.User.Id);
            (await command.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }

        await (await session.Client.GetAsync(UsersDriver.Me, Ct)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }
}
