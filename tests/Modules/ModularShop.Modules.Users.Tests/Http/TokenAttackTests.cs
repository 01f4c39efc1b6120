using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests.Http;

/// <summary>Forged or stale access tokens never get past the door: 401 on <c>/api/users/me</c>.</summary>
public sealed class TokenAttackTests(UsersFactory factory) : IClassFixture<UsersFactory>
{
    private readonly UsersDriver _users = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ForgedTokens => new()
    {
        "tampered",
        "expired",
        "wrong-issuer",
        "wrong-audience",
        "wrong-key",
        "alg-none",
        "alg-none-unsigned-header-only",
        "garbage",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_or_stale_token_is_401_on_me(string kind)
    {
        var user = await _users.RegisterUserAsync();

        var response = await _users.NewClient(Forge(kind, user)).GetAsync(UsersDriver.Me, Ct);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        response.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
        problem.Json.ToString().ShouldNotContain(user.Email);
    }

    [Fact]
    public async Task A_correctly_signed_token_for_the_same_user_is_accepted()
    {
        var user = await _users.RegisterUserAsync();

        var response = await _users.NewClient(factory.TokenFor(user.Id)).GetAsync(UsersDriver.Me, Ct);

        (await response.ReadJsonAsync<UserDto>()).Id.ShouldBe(user.Id);
    }

    [Fact]
    public async Task No_token_is_401_on_me()
    {
        var response = await _users.Anonymous.GetAsync(UsersDriver.Me, Ct);

        (await response.ReadProblemAsync(HttpStatusCode.Unauthorized)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
    }

    private static string Forge(string kind, UserDto user) => kind switch
    {
        "tampered" => Tamper(TestTokens.Create(user.Id, user.Email, ["customer"])),
        "expired" => TestTokens.Create(user.Id, user.Email, ["customer"], expires: DateTime.UtcNow.AddMinutes(-5)),
        "wrong-issuer" => TestTokens.Create(user.Id, user.Email, ["customer"], issuer: "https://evil.example.com"),
        "wrong-audience" => TestTokens.Create(user.Id, user.Email, ["customer"], audience: "some-other-api"),
        "wrong-key" => TestTokens.Create(user.Id, user.Email, ["customer"], signingKey: "a-key-the-attacker-made-up-0123456789-abcdef"),
        "alg-none" => Unsigned(user, "none") + ".",
        "alg-none-unsigned-header-only" => Unsigned(user, "none"),
        "garbage" => "not.a.jwt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A valid token whose payload was edited (the e-mail changed) after signing.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        payload["email"] = JsonSerializer.SerializeToElement("someone.else@example.com");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";
    }

    /// <summary>An otherwise valid token with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(UserDto user, string alg)
    {
        var now = DateTimeOffset.UtcNow;
        var header = JsonSerializer.Serialize(new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" });
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            ["email"] = user.Email,
            ["role"] = new[] { "customer", "admin" },
            ["iss"] = TestTokens.Issuer,
            ["aud"] = TestTokens.Audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
        });
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}";
    }
}
