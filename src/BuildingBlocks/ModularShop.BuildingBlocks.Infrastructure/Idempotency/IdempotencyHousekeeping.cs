using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Hosting;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// Deletes expired idempotency keys at start-up and then every <c>Idempotency:HousekeepingInterval</c>. Expired
/// keys are already treated as absent by a claim, so this only keeps the table bounded.
/// </summary>
internal sealed class IdempotencyHousekeeping(
    PostgresIdempotencyStore store,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyHousekeeping> logger) : PeriodicHousekeeping(clock, logger)
{
    protected override TimeSpan Interval => options.Value.HousekeepingInterval;

    protected override async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteExpiredAsync(cancellationToken);
        return deleted > 0 ? $"deleted {deleted} expired idempotency keys" : null;
    }
}
