using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Hosting;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// Deletes expired idempotency keys from the <c>idempotency_keys</c> table of every module schema, at start-up and
/// then every <c>Idempotency:HousekeepingInterval</c>. Expired keys are already treated as absent by a claim, so
/// this only keeps the tables bounded.
/// </summary>
internal sealed class IdempotencyHousekeeping(
    IServiceProvider services,
    IEnumerable<MigratableContext> contexts,
    TimeProvider clock,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyHousekeeping> logger) : PeriodicHousekeeping(clock, logger)
{
    private readonly Type[] _moduleContexts = contexts
        .Select(c => c.ContextType)
        .Where(typeof(ModuleDbContext).IsAssignableFrom)
        .Distinct()
        .ToArray();

    protected override TimeSpan Interval => options.Value.HousekeepingInterval;

    protected override async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var done = new List<string>();
        foreach (var type in _moduleContexts)
        {
            await using var scope = services.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(type);
            var deleted = await db.Set<IdempotencyRecord>().Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
            if (deleted > 0)
            {
                done.Add($"{deleted} in {db.Schema}");
            }
        }

        return done.Count > 0 ? $"deleted expired idempotency keys: {string.Join(", ", done)}" : null;
    }
}
