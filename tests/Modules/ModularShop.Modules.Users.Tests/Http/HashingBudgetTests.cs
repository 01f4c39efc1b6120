using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>A shop that may spend 2 password hashes per second, and lets a sign-in wait for one at most half a second.</summary>
public sealed class TightHashingBudgetUsersFactory : UsersFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Users:HashesPerSecond"] = "2";
        settings["Users:HashingMaxWait"] = "00:00:00.5";
    }
}

/// <summary>
/// A credential-stuffing flood (many addresses, ever-new e-mails: neither the per-client rate limit nor the lock-out
/// applies) costs the shop no more than its hashing budget: the rest wait briefly without work and get 429.
/// </summary>
public sealed class HashingBudgetTests(TightHashingBudgetUsersFactory factory) : IClassFixture<TightHashingBudgetUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Forty_parallel_wrong_sign_ins_get_at_most_the_budgets_hashes_and_the_rest_a_slow_429()
    {
        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct); // the bucket is full: 2 saved up
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            _users.Anonymous.PostAsJsonAsync(UsersDriver.Login, new { email = $"flood-{i}-{Guid.NewGuid():N}@example.com", password = "wrong password 1" }, Ct)));
        var elapsed = clock.Elapsed;

        var hashed = answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        (hashed + refused.Count).ShouldBe(40);
        // The budget: 2 saved up + 2 per second of the burst (~0.5 s of waiting, longer on a loaded box), +1 for the
        // replenishment timer's granularity. Without it, all 40 would have been hashed.
        var allowed = 2 + (int)Math.Ceiling(2 * elapsed.TotalSeconds) + 1;
        hashed.ShouldBeInRange(1, allowed, $"took {elapsed.TotalSeconds:F2} s");
        allowed.ShouldBeLessThan(40, "the burst took so long that the budget would allow every request: the test proves nothing");
        foreach (var answer in refused)
        {
            (await answer.ReadProblemAsync(HttpStatusCode.TooManyRequests)).Code.ShouldBe("users.busy");
            answer.Headers.RetryAfter.ShouldNotBeNull();
        }

        // The refused waited for the budget (no work meanwhile) instead of coming straight back for more.
        elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(0.4));
    }

    [Fact]
    public async Task Sign_ins_within_the_budget_are_not_refused()
    {
        var user = await _users.RegisterUserAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.1), Ct);

        for (var i = 0; i < 3; i++)
        {
            await (await _users.LoginAsync(user.Email, UsersDriver.Password)).ExpectStatusAsync(HttpStatusCode.OK);
            await Task.Delay(TimeSpan.FromSeconds(0.6), Ct);
        }
    }
}
