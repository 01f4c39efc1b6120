using System.Collections.Concurrent;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>No answer of any Users endpoint, successful or not, carries a password hash.</summary>
public sealed class PasswordHashLeakTests(AdminUsersFactory factory) : IClassFixture<AdminUsersFactory>
{
    /// <summary>How every ASP.NET Core Identity v3 hash starts when base64-encoded (format marker 0x01, PRF, iterations).</summary>
    private const string IdentityV3HashPrefix = "AQAAAA";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_response_body_of_any_users_endpoint_contains_a_password_hash()
    {
        var bodies = new ConcurrentQueue<string>();
        var users = new UsersDriver(factory, bodies);

        // Register, sign in, refresh, profile.
        var session = await users.NewCustomerAsync();
        await users.RegisterAsync(session.User.Email);
        await users.LoginAsync(session.User.Email, "wrong password 1");
        await users.LoginAsync(UsersDriver.UniqueEmail("nobody"), "wrong password 1");
        var renewed = await (await users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();
        var client = users.NewClient(renewed.AccessToken);
        await client.GetAsync(UsersDriver.Me, Ct);
        await client.PutAsJsonAsync(UsersDriver.Me, new { name = "Renamed" }, Ct);
        await client.PutAsJsonAsync(UsersDriver.Me, new { name = "" }, Ct);

        // Address book.
        var address = await UsersDriver.AddAddressAsync(client);
        await client.GetAsync(UsersDriver.Addresses, Ct);
        await client.PutAsJsonAsync($"{UsersDriver.Addresses}/{address.Id}", UsersDriver.AddressBody(city: "Hamburg"), Ct);
        await client.PutAsJsonAsync($"{UsersDriver.Addresses}/{address.Id}", UsersDriver.AddressBody(country: "XX"), Ct);
        await client.DeleteAsync($"{UsersDriver.Addresses}/{address.Id}", Ct);

        // Admin: list (also searched by the user's e-mail) and role change, and a customer refused.
        var admin = await users.SignInConfiguredAdminAsync();
        await admin.GetAsync($"{UsersDriver.AdminUsers}?pageSize=100", Ct);
        await admin.GetAsync($"{UsersDriver.AdminUsers}?q={Uri.EscapeDataString(session.User.Email)}", Ct);
        await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{session.User.Id}/roles", new { roles = new[] { "admin", "customer" } }, Ct);
        await admin.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{session.User.Id}/roles", new { roles = new[] { "root" } }, Ct);
        await client.GetAsync(UsersDriver.AdminUsers, Ct);

        // Refresh-token reuse (ends the session), sign out, then the OpenAPI document that describes all of it.
        await users.RefreshAsync(session.Tokens.RefreshToken);
        await client.PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = renewed.RefreshToken }, Ct);
        await users.Anonymous.GetAsync("/openapi/v1.json", Ct);

        bodies.Count.ShouldBeGreaterThanOrEqualTo(20);
        bodies.ShouldContain(b => b.StartsWith("GET /api/admin/users?pageSize=100 → 200", StringComparison.Ordinal));
        bodies.ShouldContain(b => b.StartsWith("GET /openapi/v1.json → 200", StringComparison.Ordinal));
        foreach (var body in bodies)
        {
            body.ShouldNotContain(IdentityV3HashPrefix, Case.Sensitive);
            body.ShouldNotContain("passwordHash", Case.Insensitive);
            body.ShouldNotContain("password_hash", Case.Insensitive);
        }
    }

    [Fact]
    public async Task Stored_hashes_start_with_the_prefix_the_leak_check_looks_for()
    {
        // Guards the test above: were the hash format to change, looking for this prefix would prove nothing.
        await using var connection = new Npgsql.NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("SELECT password_hash FROM users.users LIMIT 1", connection);
        var hash = (string?)await command.ExecuteScalarAsync(Ct);

        hash.ShouldNotBeNull();
        hash.ShouldStartWith(IdentityV3HashPrefix);
    }
}
