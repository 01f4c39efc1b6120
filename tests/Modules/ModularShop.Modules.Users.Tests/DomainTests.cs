using System.IdentityModel.Tokens.Jwt;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Features.Auth;
using ModularShop.Modules.Users.Security;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Users.Tests;

public sealed class PasswordRuleTests
{
    [Theory]
    [InlineData("abcdefg1")]
    [InlineData("correct horse battery 9")]
    [InlineData("Пароль123")]
    public void Passwords_of_eight_or_more_with_a_letter_and_a_digit_are_accepted(string password) =>
        PasswordRules.Check(password).ShouldBeNull();

    [Theory]
    [InlineData("", "at least 8")]
    [InlineData("abc1234", "at least 8")]
    [InlineData("abcdefgh", "letter and one digit")]
    [InlineData("12345678", "letter and one digit")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason) =>
        PasswordRules.Check(password)!.ShouldContain(reason);

    [Fact]
    public void Passwords_longer_than_128_characters_are_refused() =>
        PasswordRules.Check(new string('a', 128) + "1").ShouldNotBeNull();
}

public sealed class EmailTests
{
    [Fact]
    public void Emails_are_unique_regardless_of_case_and_surrounding_spaces() =>
        EmailAddress.Normalize("  Ann.Smith@Example.COM ").ShouldBe(EmailAddress.Normalize("ann.smith@example.com"));

    [Theory]
    [InlineData("ann@example.com", true)]
    [InlineData("ann+shop@mail.example.co.uk", true)]
    [InlineData("ann", false)]
    [InlineData("ann@localhost", false)]
    [InlineData("Ann <ann@example.com>", false)]
    [InlineData("ann@example.", false)]
    [InlineData("a b@example.com", false)]
    public void Only_plain_addresses_with_a_domain_are_plausible(string email, bool plausible) =>
        CredentialRules.IsPlausibleEmail(email).ShouldBe(plausible);
}

public sealed class CountryTests
{
    [Theory]
    [InlineData("DE")]
    [InlineData("us")]
    [InlineData("GB")]
    [InlineData("AX")]
    public void Assigned_iso_codes_are_countries(string code) => Countries.IsIso3166Alpha2(code).ShouldBeTrue();

    [Theory]
    [InlineData("UK")]
    [InlineData("XX")]
    [InlineData("EU")]
    [InlineData("DEU")]
    [InlineData("")]
    [InlineData(null)]
    public void Unassigned_or_malformed_codes_are_not(string? code) => Countries.IsIso3166Alpha2(code).ShouldBeFalse();
}

public sealed class RoleTests
{
    [Fact]
    public void Roles_are_stored_distinct_lower_case_and_ordered() =>
        UserRoles.Canonical([" Customer", "admin", "ADMIN"]).ShouldBe(["admin", "customer"]);

    [Fact]
    public void Registration_makes_a_customer_and_nothing_else() =>
        User.Register("a@example.com", "A", "hash", DateTimeOffset.UnixEpoch).Roles.ShouldBe(["customer"]);
}

public sealed class RefreshTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_refresh_token_expires_after_its_lifetime()
    {
        var token = RefreshToken.Issue(Guid.NewGuid(), Guid.NewGuid(), [1], Now, TimeSpan.FromDays(30));
        token.IsExpired(Now.AddDays(30).AddSeconds(-1)).ShouldBeFalse();
        token.IsExpired(Now.AddDays(30)).ShouldBeTrue();
        token.IsSpent.ShouldBeFalse();
    }

    [Fact]
    public void New_refresh_tokens_are_256_bit_random_and_stored_only_as_their_hash()
    {
        var (first, firstHash) = Tokens.NewRefreshToken();
        var (second, _) = Tokens.NewRefreshToken();
        first.ShouldNotBe(second);
        Base64UrlEncoder.DecodeBytes(first).Length.ShouldBe(32);
        firstHash.ShouldBe(Tokens.HashRefreshToken(first));
        firstHash.Length.ShouldBe(32);
    }
}

public sealed class AccessTokenTests
{
    private const string Key = "unit-test-signing-key-0123456789abcdef";

    [Fact]
    public async Task Access_tokens_carry_sub_email_one_role_claim_per_role_stamp_and_session_and_validate_like_the_host()
    {
        var key = new TokenSigningKey(Key);
        var tokens = new Tokens(key, Options.Create(new TokenAudienceOptions()), Options.Create(new UsersOptions { AccessTokenLifetime = TimeSpan.FromMinutes(15) }));
        var user = User.Create("ann@example.com", "Ann", "hash", ["admin", "customer"], DateTimeOffset.UtcNow);

        var session = Guid.NewGuid();
        var jwt = tokens.CreateAccessToken(user, session, DateTimeOffset.UtcNow);

        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = "modularshop",
            ValidAudience = "modularshop-api",
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Key)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RoleClaimType = "role",
        });
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        result.ClaimsIdentity.FindFirst("sub")!.Value.ShouldBe(user.Id.ToString());
        result.ClaimsIdentity.FindFirst("email")!.Value.ShouldBe("ann@example.com");
        result.ClaimsIdentity.FindAll("role").Select(c => c.Value).ShouldBe(["admin", "customer"], ignoreOrder: true);
        result.ClaimsIdentity.FindFirst("sst")!.Value.ShouldBe(user.SecurityStamp.ToString("N"));
        result.ClaimsIdentity.FindFirst("sid")!.Value.ShouldBe(session.ToString("N"));
        var token = new JwtSecurityTokenHandler().ReadJwtToken(jwt);
        token.Header.Alg.ShouldBe("HS256");
        (token.ValidTo - token.ValidFrom).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void The_signature_check_accepts_its_own_tokens_and_refuses_other_algorithms_keys_and_tampering()
    {
        var key = new TokenSigningKey(Key);
        var tokens = new Tokens(key, Options.Create(new TokenAudienceOptions()), Options.Create(new UsersOptions()));
        var jwt = tokens.CreateAccessToken(User.Create("ann@example.com", "Ann", "hash", ["customer"], DateTimeOffset.UtcNow), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var parameters = new TokenValidationParameters();

        key.ValidateSignature(jwt, parameters).ShouldBeOfType<JsonWebToken>();

        var parts = jwt.Split('.');
        var hs384 = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(Key + Key)), SecurityAlgorithms.HmacSha384),
        });
        var otherKey = new TokenSigningKey(Key + "-other").Credentials;
        var signedElsewhere = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", Guid.NewGuid().ToString())]),
            SigningCredentials = otherKey,
        });
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode("{\"sub\":\"x\",\"role\":\"admin\"}")}.{parts[2]}";
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";

        Should.Throw<SecurityTokenInvalidAlgorithmException>(() => key.ValidateSignature(hs384, parameters));
        Should.Throw<SecurityTokenInvalidSignatureException>(() => key.ValidateSignature(signedElsewhere, parameters));
        Should.Throw<SecurityTokenInvalidSignatureException>(() => key.ValidateSignature(tampered, parameters));
        Should.Throw<SecurityTokenInvalidAlgorithmException>(() => key.ValidateSignature(unsigned, parameters));
        Should.Throw<SecurityTokenMalformedException>(() => key.ValidateSignature("garbage", parameters));
    }

    [Fact]
    public void A_signing_key_shorter_than_32_bytes_is_refused() =>
        Should.Throw<InvalidOperationException>(() => new TokenSigningKey("too-short"));
}

public sealed class PasswordHashingTests
{
    [Fact]
    public void Hashes_use_at_least_210000_iterations_and_older_hashes_need_a_rehash()
    {
        var passwords = new Passwords(Options.Create(new UsersOptions()));
        var user = User.Create("a@example.com", "A", passwords.Hash("secret123"), ["customer"], DateTimeOffset.UnixEpoch);

        passwords.Verify(user, "secret123").ShouldBe(PasswordVerificationResult.Success);
        passwords.Verify(user, "secret124").ShouldBe(PasswordVerificationResult.Failed);
        IterationsOf(user.PasswordHash).ShouldBeGreaterThanOrEqualTo(210_000);

        var legacy = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        user.ChangePasswordHash(legacy.HashPassword(user, "secret123"), DateTimeOffset.UnixEpoch);
        passwords.Verify(user, "secret123").ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
    }

    [Fact]
    public void An_unknown_user_never_verifies() =>
        new Passwords(Options.Create(new UsersOptions())).Verify(null, "anything1").ShouldBe(PasswordVerificationResult.Failed);

    /// <summary>Identity v3 format: 0x01, prf (4 bytes), iterations (4 bytes, big-endian), salt length, salt, subkey.</summary>
    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Rate_limits_group_ipv4_clients_by_address_and_ipv6_clients_by_their_64_network(string address, string key) =>
        BuildingBlocks.Web.Http.RateLimitingSetup.ClientKey(System.Net.IPAddress.Parse(address)).ShouldBe(key);
}
