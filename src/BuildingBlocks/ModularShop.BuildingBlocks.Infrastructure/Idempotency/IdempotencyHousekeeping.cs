using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Http;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// Deletes expired idempotency keys at start-up and then every <c>Idempotency:HousekeepingInterval</c> (on the
/// <see cref="TimeProvider"/>), in every instance; the delete is idempotent. Expired keys are already treated as
/// absent by a claim, so this only keeps the table bounded.
/// </summary>
internal sealed class IdempotencyHousekeeping(
    PostgresIdempotencyStore store,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyHousekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.HousekeepingInterval;
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Idempotency housekeeping: deleted {Count} expired keys", deleted);
                }
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Idempotency housekeeping failed; next try in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
