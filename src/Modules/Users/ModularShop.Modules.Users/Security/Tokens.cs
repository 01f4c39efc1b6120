using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Domain;

namespace ModularShop.Modules.Users.Security;

/// <summary>Issues access tokens (HS256 JWTs the host validates) and opaque refresh tokens.</summary>
internal sealed class Tokens(TokenSigningKey key, IOptions<TokenAudienceOptions> audience, IOptions<UsersOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TimeSpan AccessTokenLifetime => options.Value.AccessTokenLifetime;

    public TimeSpan RefreshTokenLifetime => options.Value.RefreshTokenLifetime;

    /// <summary>An access token of <paramref name="user"/> for the session <paramref name="sessionId"/> (its refresh-token family).</summary>
    public string CreateAccessToken(User user, Guid sessionId, DateTimeOffset now) =>
        _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = audience.Value.Issuer,
            Audience = audience.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + AccessTokenLifetime).UtcDateTime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [ClaimNames.Subject] = user.Id.ToString(),
                [ClaimNames.Email] = user.Email,
                [ClaimNames.Role] = user.Roles.ToArray(),
                [ClaimNames.SecurityStamp] = user.SecurityStamp.ToString("N"),
                [ClaimNames.SessionId] = sessionId.ToString("N"),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });

    /// <summary>A new refresh token: 256 random bits, base64url; only its hash is ever stored.</summary>
    public static (string Token, byte[] Hash) NewRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    public static byte[] HashRefreshToken(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
