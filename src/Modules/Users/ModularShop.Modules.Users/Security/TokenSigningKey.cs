using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// The key access tokens are signed with (<c>Auth:SigningKey</c>, HS256). Users alone owns it: it signs with it and
/// verifies signatures for the host's JWT validation through a delegate (<see cref="ValidateSignature"/>), so the key
/// is in no service or options object another module could resolve — with HS256 the validation key <i>is</i> the
/// signing key — and no other module can mint a token (an architecture test keeps the token libraries out of every
/// other module).
/// </summary>
internal sealed class TokenSigningKey
{
    /// <summary>Used only when <c>Auth:SigningKey</c> is unset in Development. Never valid anywhere else.</summary>
    public const string DevelopmentSigningKey = "DEVELOPMENT-ONLY-signing-key-not-for-production-0123456789";

    public const int MinimumKeyBytes = 32;

    public TokenSigningKey(string signingKey)
    {
        if (Encoding.UTF8.GetByteCount(signingKey) < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumKeyBytes} bytes.");
        }

        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    private readonly byte[] _key;

    public SigningCredentials Credentials => new(new SymmetricSecurityKey(_key), ShopAuthentication.Algorithm);

    /// <summary>
    /// The JWT handler's signature check (<see cref="TokenValidationParameters.SignatureValidator"/>): the header must
    /// name HS256 (no other algorithm, no <c>none</c>), and the signature must be the HMAC-SHA256 of
    /// <c>header.payload</c> under the key, compared in constant time. Issuer, audience and lifetime are the handler's.
    /// </summary>
    public SecurityToken ValidateSignature(string token, TokenValidationParameters parameters)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            throw new SecurityTokenMalformedException("The token is not a JWS.", ex);
        }

        if (jwt.Alg != ShopAuthentication.Algorithm)
        {
            throw new SecurityTokenInvalidAlgorithmException($"Tokens are signed with {ShopAuthentication.Algorithm} only.");
        }

        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(jwt.EncodedSignature);
        }
        catch (FormatException ex)
        {
            throw new SecurityTokenInvalidSignatureException("The signature is not base64url.", ex);
        }

        var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(jwt.EncodedHeader + "." + jwt.EncodedPayload));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            throw new SecurityTokenInvalidSignatureException("The signature does not match.");
        }

        return jwt;
    }

    /// <summary>
    /// Reads <c>Auth:SigningKey</c> (the development key in Development when unset); outside Development the host
    /// refuses to start without a key of at least 32 bytes. Gives the JWT bearer handler the key to validate with.
    /// </summary>
    public static void Register(IServiceCollection services)
    {
        services.AddOptions<SigningKeyOptions>().BindConfiguration(TokenAudienceOptions.Section)
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (string.IsNullOrEmpty(o.SigningKey) && environment.IsDevelopment())
                {
                    o.SigningKey = DevelopmentSigningKey;
                }
            })
            .Validate(o => !string.IsNullOrEmpty(o.SigningKey), $"Auth:SigningKey must be set (at least {MinimumKeyBytes} bytes) outside Development.")
            .Validate(o => o.SigningKey is null || Encoding.UTF8.GetByteCount(o.SigningKey) >= MinimumKeyBytes, $"Auth:SigningKey must be at least {MinimumKeyBytes} bytes.")
            .ValidateOnStart();
        services.AddSingleton(sp => new TokenSigningKey(sp.GetRequiredService<IOptions<SigningKeyOptions>>().Value.SigningKey!));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<TokenSigningKey>((o, key) => o.TokenValidationParameters.SignatureValidator = key.ValidateSignature);
    }

    /// <summary>The secret part of section <c>Auth</c>; bound only here.</summary>
    internal sealed class SigningKeyOptions
    {
        public string? SigningKey { get; set; }
    }
}
