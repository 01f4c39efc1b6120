using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Users.Security;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>Races and growth the happy-path tests do not reach.</summary>
public sealed class HardeningTests(AdminUsersFactory factory) : IClassFixture<AdminUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_five_parallel_adds_fill_the_address_book_to_exactly_twenty()
    {
        var customer = await _users.NewCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ =>
            customer.Client.PostAsJsonAsync(UsersDriver.Addresses, UsersDriver.AddressBody(), Ct)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(20);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        (await UsersDriver.ListAddressesAsync(customer.Client)).Count.ShouldBe(20);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        var first = await _users.SignInConfiguredAdminAsync();
        var firstMe = await (await first.GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();
        var other = await _users.RegisterUserAsync();
        await (await first.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{other.Id}/roles", new { roles = new[] { "admin" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        var second = _users.NewClient((await _users.SignInAsync(other.Email)).AccessToken);
        // Every other admin this class's tests made is demoted first, so these two are the only admins.
        var admins = await (await first.GetAsync($"{UsersDriver.AdminUsers}?pageSize=100", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        foreach (var extra in admins.Items.Where(u => u.Roles.Contains("admin") && u.Id != firstMe.Id && u.Id != other.Id))
        {
            await (await first.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{extra.Id}/roles", new { roles = new[] { "customer" } }, Ct)).ExpectStatusAsync(HttpStatusCode.OK);
        }

        var results = await Task.WhenAll(
            first.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{other.Id}/roles", new { roles = new[] { "customer" } }, Ct),
            second.PutAsJsonAsync($"{UsersDriver.AdminUsers}/{firstMe.Id}/roles", new { roles = new[] { "customer" } }, Ct));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        results.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode.ShouldBeOneOf(
            HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized); // 401: demoted first, its token ended
        var auditor = Guid.NewGuid();
        var after = await (await _users.NewClient(TestTokens.Admin(auditor)).GetAsync($"{UsersDriver.AdminUsers}?pageSize=100", Ct)).ReadJsonAsync<PageDto<UserDto>>();
        after.Items.Count(u => u.Roles.Contains("admin") && u.Id != auditor).ShouldBe(1);
    }
}

/// <summary>Expired refresh tokens and stale login counters are deleted, so the tables stay bounded.</summary>
public sealed class HousekeepingTests(FakeClockUsersFactory factory) : IClassFixture<FakeClockUsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    [Fact]
    public async Task Expired_refresh_tokens_and_stale_login_counters_are_deleted()
    {
        var user = await _users.RegisterUserAsync();
        var tokens = await _users.SignInAsync(user.Email);
        await (await _users.LoginAsync(user.Email, "wrong password 1")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        var housekeeping = factory.Services.GetRequiredService<UsersHousekeeping>();

        var (freshTokens, freshThrottles) = await housekeeping.CleanUpAsync(TestContext.Current.CancellationToken);
        freshTokens.ShouldBe(0);
        freshThrottles.ShouldBe(0);

        factory.Clock.Advance(TimeSpan.FromDays(31));
        await housekeeping.CleanUpAsync(TestContext.Current.CancellationToken);

        (await (await _users.RefreshAsync(tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized)).Code.ShouldBe("users.invalid_refresh_token");
        (await housekeeping.CleanUpAsync(TestContext.Current.CancellationToken)).ShouldBe((0, 0));
    }
}
