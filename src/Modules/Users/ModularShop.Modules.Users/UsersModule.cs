using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Users.Contracts;
using ModularShop.Modules.Users.Persistence;
using ModularShop.Modules.Users.PublicApi;
using ModularShop.Modules.Users.Security;
using ModularShop.Modules.Users.Seeding;

namespace ModularShop.Modules.Users;

/// <summary>Registration, sign-in with rotating refresh tokens, roles and the address book.</summary>
public sealed class UsersModule : IModule
{
    public const string ModuleName = "Users";
    public const string SchemaName = "users";

    /// <summary>Rate-limiter policy on the endpoints that take a password (per client address).</summary>
    public const string CredentialsRateLimit = "users-credentials";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<UsersDbContext>(configuration, SchemaName);
        services.AddOptions<UsersOptions>().BindConfiguration(UsersOptions.Section)
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.RefreshTokenLifetime > TimeSpan.Zero, "Token lifetimes must be positive.")
            .Validate(o => o.SessionCacheDuration >= TimeSpan.Zero && o.SessionCacheDuration <= TimeSpan.FromMinutes(5),
                "Users:SessionCacheDuration must be between 0 and 5 minutes.")
            .Validate(o => o.HashesPerSecond is >= 0.1 and <= 1000, "Users:HashesPerSecond must be between 0.1 and 1000.")
            .Validate(o => o.HashingMaxWait > TimeSpan.Zero && o.HashingQueueLimit >= 0, "Users:HashingMaxWait must be positive.")
            .Validate(o => o.PasswordIterations >= 100_000, "Users:PasswordIterations must be at least 100000.")
            .Validate(o => o.Lockout.MaxFailedAttempts >= 1 && o.RateLimit.PermitLimit >= 1, "Limits must be at least 1.")
            .Validate(o => o.Lockout.MaxFailedAttemptsPerAccount >= o.Lockout.MaxFailedAttempts,
                "Users:Lockout:MaxFailedAttemptsPerAccount must be at least Users:Lockout:MaxFailedAttempts.")
            .ValidateOnStart();
        services.AddSingleton<Passwords>();
        TokenSigningKey.Register(services);
        services.AddSingleton<Tokens>();
        services.AddMemoryCache();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<ISessionValidator>(sp => sp.GetRequiredService<SessionValidator>());
        services.AddScoped<LoginThrottle>();
        services.AddScoped<Features.Auth.Credentials>();
        services.AddScoped<IUsersApi, UsersApi>();
        services.AddScoped<IStartupTask, AdminSeeder>();
        services.AddSingleton<UsersHousekeeping>();
        services.AddHostedService(sp => sp.GetRequiredService<UsersHousekeeping>());
        services.AddRateLimiter(o => o.AddPolicy(CredentialsRateLimit, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<UsersOptions>>().Value.RateLimit;
            return RateLimitPartition.GetFixedWindowLimiter(RateLimitingSetup.ClientAddress(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = limits.Window,
                QueueLimit = 0,
            });
        }));
    }
}
