using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>The host with a clock the test moves: the lockout can be waited out without waiting.</summary>
public sealed class FakeClockUsersFactory : UsersFactory
{
    public FakeClockUsersFactory() => UseFakeClock();
}

/// <summary>Repeated wrong passwords from one client lock that client out of the account for a while (all tests here come from one address).</summary>
public sealed class LoginThrottleTests(FakeClockUsersFactory factory) : IClassFixture<FakeClockUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    [Fact]
    public async Task Thirty_wrong_passwords_from_one_address_lock_it_out_even_for_the_right_password_until_the_lockout_passes()
    {
        var user = await _users.RegisterUserAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 30; i++)
        {
            last = await _users.LoginAsync(user.Email, $"wrong password {i}");
            statuses.Add(last.StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await last!.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("users.login_throttled");
        RetryAfterSeconds(last!).ShouldBeInRange(1, 15 * 60);

        var rightPassword = await _users.LoginAsync(user.Email, UsersDriver.Password);
        (await rightPassword.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("users.login_throttled");
        RetryAfterSeconds(rightPassword).ShouldBeInRange(1, 15 * 60);

        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await _users.LoginAsync(user.Email, UsersDriver.Password)).ReadProblemAsync(HttpStatusCode.TooManyRequests);

        factory.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await (await _users.LoginAsync(user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_successful_login_resets_the_count_of_wrong_passwords()
    {
        var user = await _users.RegisterUserAsync();
        for (var i = 0; i < 4; i++)
        {
            await (await _users.LoginAsync(user.Email, "wrong password 1")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }

        await (await _users.LoginAsync(user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);

        await (await _users.LoginAsync(user.Email, "wrong password 1")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        await (await _users.LoginAsync(user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_emails_are_throttled_like_real_ones()
    {
        var email = UsersDriver.UniqueEmail("ghost");

        for (var i = 0; i < 5; i++)
        {
            await (await _users.LoginAsync(email, "wrong password 1")).ExpectStatusAsync(HttpStatusCode.Unauthorized);
        }

        var locked = await _users.LoginAsync(email, "wrong password 1");
        (await locked.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("users.login_throttled");
    }

    [Fact]
    public async Task The_lockout_of_one_account_does_not_affect_another()
    {
        var locked = await _users.RegisterUserAsync();
        var other = await _users.RegisterUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await _users.LoginAsync(locked.Email, "wrong password 1");
        }

        await (await _users.LoginAsync(locked.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.TooManyRequests);
        await (await _users.LoginAsync(other.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    private static int RetryAfterSeconds(HttpResponseMessage response)
    {
        response.Headers.RetryAfter.ShouldNotBeNull("a 429 must say when to retry");
        return (int)response.Headers.RetryAfter.Delta!.Value.TotalSeconds;
    }
}

/// <summary>A host allowing only 3 login/register calls per client and minute.</summary>
public sealed class TightRateLimitUsersFactory : UsersFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:RateLimit:PermitLimit"] = "3";
    }
}

/// <summary>Per-client rate limit on the endpoints that take a password (one test: the limit is shared by the whole host).</summary>
public sealed class ClientRateLimitTests(TightRateLimitUsersFactory factory) : IClassFixture<TightRateLimitUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_fourth_login_or_register_within_the_window_is_429_with_retry_after()
    {
        var user = await _users.RegisterUserAsync();
        await _users.SignInAsync(user.Email);
        await _users.SignInAsync(user.Email);

        var login = await _users.LoginAsync(user.Email, UsersDriver.Password);
        var register = await _users.RegisterAsync(UsersDriver.UniqueEmail());

        foreach (var response in new[] { login, register })
        {
            var problem = await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
            problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
            problem.Code.ShouldBe("rate_limited");
            response.Headers.RetryAfter.ShouldNotBeNull();
            response.Headers.RetryAfter.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        }

        // Other endpoints are not limited by it.
        await (await _users.NewClient(factory.TokenFor(user.Id)).GetAsync(UsersDriver.Me, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);
    }
}
