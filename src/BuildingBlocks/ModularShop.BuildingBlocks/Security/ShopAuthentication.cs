using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace ModularShop.BuildingBlocks.Security;

/// <summary>
/// The bearer-token settings (<c>Auth:*</c>), resolved once at start-up: the host validates tokens with
/// them and the Users module signs with them, so the two can never disagree.
/// </summary>
public sealed class TokenSettings
{
    /// <summary>Used only when <c>Auth:SigningKey</c> is unset in Development. Never valid anywhere else.</summary>
    public const string DevelopmentSigningKey = "DEVELOPMENT-ONLY-signing-key-not-for-production-0123456789";

    public const int MinimumKeyBytes = 32;

    public TokenSettings(string signingKey, string issuer, string audience)
    {
        if (Encoding.UTF8.GetByteCount(signingKey) < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumKeyBytes} bytes.");
        }

        SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
        Issuer = issuer;
        Audience = audience;
    }

    public SymmetricSecurityKey SigningKey { get; }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>The one algorithm tokens are signed with and the only one accepted.</summary>
    public static string Algorithm => SecurityAlgorithms.HmacSha256;

    public SigningCredentials SigningCredentials => new(SigningKey, Algorithm);
}

public static class ShopAuthentication
{
    /// <summary>
    /// JWT bearer authentication (HS256 pinned, issuer, audience, lifetime with 30 s skew, <c>role</c> claims)
    /// and the <c>admin</c>/<c>user</c> policies. Outside Development the host refuses to start without an
    /// <c>Auth:SigningKey</c> of at least 32 bytes.
    /// </summary>
    public static WebApplicationBuilder AddShopAuthentication(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var key = configuration["Auth:SigningKey"];
        if (string.IsNullOrEmpty(key))
        {
            key = builder.Environment.IsDevelopment()
                ? TokenSettings.DevelopmentSigningKey
                : throw new InvalidOperationException(
                    $"Auth:SigningKey must be set (at least {TokenSettings.MinimumKeyBytes} bytes) outside Development.");
        }

        var settings = new TokenSettings(key, configuration["Auth:Issuer"] ?? "modularshop", configuration["Auth:Audience"] ?? "modularshop-api");
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.SigningKey,
                ValidAlgorithms = [TokenSettings.Algorithm],
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                RoleClaimType = ClaimNames.Role,
                NameClaimType = ClaimNames.Subject,
            };

            // Every endpoint takes the caller's id from `sub`: a token whose `sub` is not a user id (a GUID) is
            // not a token this shop issued, whatever its signature says.
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (!Guid.TryParse(context.Principal?.FindFirst(ClaimNames.Subject)?.Value, out _))
                    {
                        context.Fail("The token's sub is not a user id.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.User, p => p.RequireAuthenticatedUser());
        return builder;
    }
}
