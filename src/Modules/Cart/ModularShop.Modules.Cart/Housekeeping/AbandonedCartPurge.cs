using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Hosting;
using ModularShop.Modules.Cart.Persistence;

namespace ModularShop.Modules.Cart.Housekeeping;

/// <summary>
/// Deletes anonymous carts nobody has read or changed for <see cref="CartOptions.AnonymousCartLifetime"/>
/// (and carts merged away that long ago); users' carts are kept. Runs at start-up and then every
/// <see cref="CartOptions.PurgeInterval"/>.
/// </summary>
internal sealed class AbandonedCartPurge(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<CartOptions> options,
    ILogger<AbandonedCartPurge> logger) : PeriodicHousekeeping(clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    /// <summary>Deletes what is abandoned as of now; returns how many carts were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = Clock.GetUtcNow() - options.Value.AnonymousCartLifetime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        return await db.Carts
            .Where(c => (c.UserId == null || c.MergedIntoId != null) && c.LastSeenAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var purged = await PurgeAsync(cancellationToken);
        return purged > 0 ? $"deleted {purged} abandoned anonymous carts" : null;
    }
}
