using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.BuildingBlocks.Web.Security;

/// <summary>
/// Bearer-token validation for every module. The signing key is not here: the module that issues tokens (Users)
/// owns <c>Auth:SigningKey</c> and hands the validation key to the JWT handler itself (an
/// <c>IConfigureNamedOptions&lt;JwtBearerOptions&gt;</c> of its own), so no other module can resolve it or mint tokens.
/// Without that module every token is refused (401).
/// </summary>
public static class ShopAuthentication
{
    /// <summary>The one algorithm tokens are signed with and the only one accepted.</summary>
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    /// <summary>
    /// JWT bearer authentication (HS256 pinned, issuer, audience, lifetime with 30 s skew, <c>role</c> claims,
    /// <c>sub</c> must be a user id, the session still current by <see cref="ISessionValidator"/>) and the
    /// <c>admin</c>/<c>user</c> policies.
    /// </summary>
    public static WebApplicationBuilder AddShopAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TokenAudienceOptions>().BindConfiguration(TokenAudienceOptions.Section);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenAudienceOptions>>((o, audience) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = audience.Value.Issuer,
                    ValidAudience = audience.Value.Audience,
                    ValidAlgorithms = [Algorithm],
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RoleClaimType = ClaimNames.Role,
                    NameClaimType = ClaimNames.Subject,
                };

                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        // Every endpoint takes the caller's id from `sub`: a token whose `sub` is not a user id (a GUID)
                        // is not a token this shop issued, whatever its signature says.
                        if (context.Principal is not { } principal || !Guid.TryParse(principal.FindFirst(ClaimNames.Subject)?.Value, out _))
                        {
                            context.Fail("The token's sub is not a user id.");
                            return;
                        }

                        // A valid signature proves what was true at issue time; the roles and the session must still hold now.
                        var sessions = context.HttpContext.RequestServices.GetService<ISessionValidator>();
                        var rejection = sessions is null
                            ? "No module validates sessions."
                            : await sessions.RejectReasonAsync(principal, context.HttpContext.RequestAborted);
                        if (rejection is not null)
                        {
                            context.Fail(rejection);
                        }
                    },
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.User, p => p.RequireAuthenticatedUser());
        return builder;
    }
}
