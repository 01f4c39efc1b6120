using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

public sealed class LoginTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_answers_a_bearer_token_pair_that_identifies_the_user()
    {
        var user = await _users.RegisterUserAsync();

        var tokens = await _users.SignInAsync(user.Email);

        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(900);
        tokens.RefreshToken.ShouldNotBeNullOrWhiteSpace();
        var jwt = new JsonWebToken(tokens.AccessToken);
        jwt.Subject.ShouldBe(user.Id.ToString());
        jwt.Alg.ShouldBe("HS256");
        UsersDriver.RolesIn(tokens.AccessToken).ShouldBe(["customer"]);
        var me = await (await _users.NewClient(tokens.AccessToken).GetAsync(UsersDriver.Me, Ct)).ReadJsonAsync<UserDto>();
        me.Id.ShouldBe(user.Id);
    }

    [Fact]
    public async Task Login_ignores_the_letter_case_of_the_email()
    {
        var user = await _users.RegisterUserAsync(UsersDriver.UniqueEmail("MixedCase"));

        var response = await _users.LoginAsync(user.Email.ToUpperInvariant(), UsersDriver.Password);

        await response.ExpectStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_email_is_answered_exactly_like_a_wrong_password()
    {
        var user = await _users.RegisterUserAsync();

        var wrongPassword = await _users.LoginAsync(user.Email, "wrong password 1");
        var unknownEmail = await _users.LoginAsync(UsersDriver.UniqueEmail("nobody"), "wrong password 1");

        var wrong = await wrongPassword.ReadProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await unknownEmail.ReadProblemAsync(HttpStatusCode.Unauthorized);
        wrong.Code.ShouldBe("users.invalid_credentials");
        unknown.ContentType.ShouldBe(wrong.ContentType);
        (await UsersDriver.BodyWithoutTraceIdAsync(unknownEmail)).ShouldBe(await UsersDriver.BodyWithoutTraceIdAsync(wrongPassword));
        unknownEmail.Headers.Select(h => h.Key).Order().ShouldBe(wrongPassword.Headers.Select(h => h.Key).Order());
    }
}
