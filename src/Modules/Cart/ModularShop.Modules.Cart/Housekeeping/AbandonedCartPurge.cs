using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.Modules.Cart.Persistence;

namespace ModularShop.Modules.Cart.Housekeeping;

/// <summary>
/// Deletes anonymous carts nobody has read or changed for <see cref="CartOptions.AnonymousCartLifetime"/>
/// (and carts merged away that long ago); users' carts are kept. Runs at start-up and then every
/// <see cref="CartOptions.PurgeInterval"/> in every instance (the delete is idempotent).
/// </summary>
internal sealed class AbandonedCartPurge(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<CartOptions> options,
    ILogger<AbandonedCartPurge> logger) : BackgroundService
{
    /// <summary>Deletes what is abandoned as of now; returns how many carts were deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.AnonymousCartLifetime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        return await db.Carts
            .Where(c => (c.UserId == null || c.MergedIntoId != null) && c.LastSeenAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PurgeInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var purged = await PurgeAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Cart housekeeping: deleted {Carts} abandoned anonymous carts", purged);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Cart housekeeping failed; next try in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
