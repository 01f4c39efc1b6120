using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// The key access tokens are signed with (<c>Auth:SigningKey</c>, HS256). Users alone owns it: it signs with it and
/// hands it to the host's JWT validation itself, so no other module can resolve it or mint a token (an architecture
/// test keeps the token libraries out of every other module).
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

        Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
    }

    public SymmetricSecurityKey Key { get; }

    public SigningCredentials Credentials => new(Key, ShopAuthentication.Algorithm);

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
            .PostConfigure<TokenSigningKey>((o, key) => o.TokenValidationParameters.IssuerSigningKey = key.Key);
    }

    /// <summary>The secret part of section <c>Auth</c>; bound only here.</summary>
    internal sealed class SigningKeyOptions
    {
        public string? SigningKey { get; set; }
    }
}
