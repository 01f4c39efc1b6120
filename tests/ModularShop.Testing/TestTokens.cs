using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ModularShop.Testing;

/// <summary>
/// Mints HS256 access tokens exactly as the host validates them: issuer <c>modularshop</c>, audience
/// <c>modularshop-api</c>, claims <c>sub</c>, <c>email</c>, one <c>role</c> per role, a security stamp <c>sst</c> and a
/// session <c>sid</c>. The host also checks that the user exists with that stamp: use the token through
/// <see cref="ShopFactory.CreateClientWithToken"/>, which creates the user.
/// </summary>
public static class TestTokens
{
    /// <summary>The <c>Auth:SigningKey</c> every <see cref="ShopFactory"/> host is configured with (≥ 32 bytes).</summary>
    public const string SigningKey = "modularshop-TEST-ONLY-signing-key-0123456789abcdef";

    public const string Issuer = "modularshop";
    public const string Audience = "modularshop-api";

    public const string AdminRole = "admin";
    public const string CustomerRole = "customer";

    /// <summary>
    /// The security stamp (<c>sst</c>) every minted token carries; <see cref="ShopFactory.CreateClientWithToken"/> gives the
    /// token's user this stamp when it creates the user, so the host's session check accepts the token.
    /// </summary>
    public static readonly Guid SecurityStamp = new("5e55107e-57a3-4c0d-9b1e-7e5700000001");

    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>A token for a new user id with roles <c>admin</c> and <c>customer</c>.</summary>
    public static string Admin(Guid? userId = null) => Create(userId ?? Guid.NewGuid(), roles: [AdminRole, CustomerRole]);

    /// <summary>A token for a new user id with role <c>customer</c> only.</summary>
    public static string Customer(Guid? userId = null) => Create(userId ?? Guid.NewGuid(), roles: [CustomerRole]);

    /// <summary>A token whose lifetime ended <paramref name="ago"/> (default: an hour) ago.</summary>
    public static string Expired(TimeSpan? ago = null, params string[] roles)
    {
        var expires = DateTime.UtcNow - (ago ?? TimeSpan.FromHours(1));
        return Create(Guid.NewGuid(), roles: roles.Length == 0 ? [AdminRole] : roles, expires: expires, notBefore: expires.AddMinutes(-15));
    }

    /// <summary>A valid admin token whose payload was changed after signing (the signature no longer matches).</summary>
    public static string Tampered()
    {
        var parts = Customer().Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace($"\"{CustomerRole}\"", $"\"{AdminRole}\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>A token signed with another key.</summary>
    public static string SignedWithAnotherKey(params string[] roles) =>
        Create(Guid.NewGuid(), roles: roles.Length == 0 ? [AdminRole] : roles, signingKey: "another-key-that-the-host-does-not-know-0123456789");

    /// <summary>A correctly signed admin token whose <c>sub</c> is not a user id (no token the shop issues looks like this).</summary>
    public static string WithSubject(string subject) => Create(Guid.NewGuid(), roles: [AdminRole, CustomerRole], subject: subject);

    public static string Create(
        Guid userId,
        string? email = null,
        IReadOnlyList<string>? roles = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string issuer = Issuer,
        string audience = Audience,
        string signingKey = SigningKey,
        string? subject = null,
        Guid? securityStamp = null,
        Guid? sessionId = null)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, subject ?? userId.ToString()),
            new(JwtRegisteredClaimNames.Email, email ?? $"user-{userId:N}@test.modularshop.local"),
        };
        claims.AddRange((roles ?? []).Select(r => new Claim("role", r)));
        claims.Add(new Claim("sst", (securityStamp ?? SecurityStamp).ToString("N")));
        claims.Add(new Claim("sid", (sessionId ?? Guid.NewGuid()).ToString("N")));

        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(15);
        var start = notBefore ?? (expiry < now ? expiry.AddMinutes(-15) : now);
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = start,
            NotBefore = start,
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
