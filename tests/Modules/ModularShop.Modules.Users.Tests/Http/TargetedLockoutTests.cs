using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>
/// A host on a clock the test moves, with an account-wide ceiling of 12 failures. Requests name their client address
/// in <c>X-Forwarded-For</c>, which the host trusts from the in-memory test server as from a proxy on loopback.
/// </summary>
public sealed class ClientAddressUsersFactory : UsersFactory
{
    public ClientAddressUsersFactory() => UseFakeClock();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:Lockout:MaxFailedAttemptsPerAccount"] = "12";
    }
}

/// <summary>
/// Wrong passwords lock out the client that sends them, not the account's owner: per (e-mail, client address) after 5,
/// and per e-mail from every address together only after a much higher ceiling.
/// </summary>
public sealed class TargetedLockoutTests(ClientAddressUsersFactory factory) : IClassFixture<ClientAddressUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> LoginFromAsync(string address, string email, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, UsersDriver.Login) { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", address);
        return _users.Anonymous.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_lock_out_that_address_while_the_owner_signs_in_from_theirs()
    {
        var user = await _users.RegisterUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await LoginFromAsync("203.0.113.7", user.Email, $"wrong password {i}")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }

        // The attacker's address is locked out, even with the right password...
        var attacker = await LoginFromAsync("203.0.113.7", user.Email, UsersDriver.Password);
        (await attacker.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("users.login_throttled");
        attacker.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 15 * 60);

        // ...the owner, from their own address, is not.
        await (await LoginFromAsync("198.51.100.23", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
        // And the owner's success does not unlock the attacker.
        await (await LoginFromAsync("203.0.113.7", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Guessing_spread_over_many_addresses_stops_at_the_account_ceiling_for_everyone_until_it_passes()
    {
        var user = await _users.RegisterUserAsync();
        // 12 failures (the ceiling here) from 4 addresses, 3 each: no address reaches its own limit of 5.
        for (var i = 0; i < 12; i++)
        {
            await (await LoginFromAsync($"192.0.2.{10 + (i % 4)}", user.Email, $"wrong password {i}")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }

        (await (await LoginFromAsync("192.0.2.99", user.Email, "another guess 1")).ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code
            .ShouldBe("users.login_throttled");
        await (await LoginFromAsync("198.51.100.24", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.TooManyRequests);

        factory.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await (await LoginFromAsync("198.51.100.24", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Addresses_in_one_ipv6_64_count_as_one_client()
    {
        var user = await _users.RegisterUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await (await LoginFromAsync($"2001:db8:1:2::{i + 1:x}", user.Email, $"wrong password {i}")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }

        await (await LoginFromAsync("2001:db8:1:2::ffff", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.TooManyRequests);
        await (await LoginFromAsync("2001:db8:1:3::1", user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
    }
}
