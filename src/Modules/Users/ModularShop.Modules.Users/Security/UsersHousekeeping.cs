using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Hosting;
using ModularShop.Modules.Users.Persistence;

namespace ModularShop.Modules.Users.Security;

/// <summary>
/// Keeps the security tables bounded: refresh tokens past their expiry (a presented one is "unknown" then,
/// the same 401 as expired) and failed-login counters older than one lock-out period with no lock left.
/// Runs at start-up and then hourly, in every instance (the deletes are idempotent).
/// </summary>
internal sealed class UsersHousekeeping(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<UsersOptions> options,
    ILogger<UsersHousekeeping> logger) : PeriodicHousekeeping(clock, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    /// <summary>Deletes what is no longer needed as of now; returns (refresh tokens, throttle rows) deleted.</summary>
    public async Task<(int Tokens, int Throttles)> CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var forgetBefore = now - options.Value.Lockout.Duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var tokens = await db.RefreshTokens.Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var throttles = await db.LoginThrottles
            .Where(t => t.LastFailureAt < forgetBefore && (t.LockedUntil == null || t.LockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
        return (tokens, throttles);
    }

    protected override async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (tokens, throttles) = await CleanUpAsync(cancellationToken);
        return tokens + throttles > 0 ? $"deleted {tokens} expired refresh tokens and {throttles} stale login counters" : null;
    }
}
