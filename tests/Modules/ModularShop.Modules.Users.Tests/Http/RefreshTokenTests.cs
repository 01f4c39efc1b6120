using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>Refresh tokens rotate, are single-use, and a replay signs out the whole sign-in; logout revokes.</summary>
public sealed class RefreshTokenTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_returns_a_new_pair_and_the_old_refresh_token_is_then_refused_as_reused()
    {
        var session = await _users.NewCustomerAsync();

        var renewed = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();

        renewed.TokenType.ShouldBe("Bearer");
        renewed.ExpiresIn.ShouldBe(900);
        renewed.RefreshToken.ShouldNotBe(session.Tokens.RefreshToken);
        renewed.AccessToken.ShouldNotBe(session.Tokens.AccessToken);
        var me = await (await _users.NewClient(renewed.AccessToken).GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();
        me.Id.ShouldBe(session.User.Id);

        var replay = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        replay.Code.ShouldBe("users.refresh_token_reused");
    }

    [Fact]
    public async Task Refresh_token_used_twice_revokes_the_whole_family()
    {
        var session = await _users.NewCustomerAsync();
        var otherSignIn = await _users.SignInAsync(session.User.Email);
        var second = await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadJsonAsync<TokenDto>();

        // An attacker replays the first (stolen) token...
        (await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized))
            .Code.ShouldBe("users.refresh_token_reused");

        // ...so the second-generation token the legitimate client holds stops working too.
        await (await _users.RefreshAsync(second.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        // A separate sign-in is another family and is not affected.
        await (await _users.RefreshAsync(otherSignIn.RefreshToken)).ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_401()
    {
        var problem = await (await _users.RefreshAsync("not-a-token-this-server-issued")).ReadProblemAsync(HttpStatusCode.Unauthorized);

        problem.Code.ShouldBe("users.invalid_refresh_token");
    }

    [Fact]
    public async Task Ten_parallel_refreshes_with_one_token_give_exactly_one_new_pair()
    {
        var session = await _users.NewCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _users.RefreshAsync(session.Tokens.RefreshToken)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(1, string.Join(", ", statuses));
        statuses.Count(s => s == HttpStatusCode.Unauthorized).ShouldBe(9, string.Join(", ", statuses));
    }

    [Fact]
    public async Task Logout_answers_204_and_the_refresh_token_is_then_refused()
    {
        var session = await _users.NewCustomerAsync();

        var response = await session.Client.PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = session.Tokens.RefreshToken }, Ct);

        await response.ExpectStatusAsync(HttpStatusCode.NoContent);
        await (await _users.RefreshAsync(session.Tokens.RefreshToken)).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_without_an_access_token_is_401()
    {
        var response = await _users.Anonymous.PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = "whatever" }, Ct);

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_with_someone_elses_refresh_token_does_not_revoke_it()
    {
        var victim = await _users.NewCustomerAsync();
        var attacker = await _users.NewCustomerAsync();

        var response = await attacker.Client.PostAsJsonAsync(UsersDriver.Logout, new { refreshToken = victim.Tokens.RefreshToken }, Ct);

        await response.ExpectStatusAsync(HttpStatusCode.NoContent);
        await (await _users.RefreshAsync(victim.Tokens.RefreshToken)).ExpectStatusAsync(HttpStatusCode.OK);
    }
}
