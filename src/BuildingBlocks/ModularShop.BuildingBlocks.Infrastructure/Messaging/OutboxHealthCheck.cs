using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>Degraded while any module's outbox holds dead messages (they need an operator).</summary>
internal sealed class OutboxHealthCheck(ShopDataSource dataSource, IEnumerable<MigratableContext> modules) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = new Dictionary<string, object>();
        try
        {
            await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
            foreach (var schema in modules.Where(m => m.HasMessaging).Select(m => m.Schema).Distinct())
            {
                await using var count = new NpgsqlCommand(
                    $"SELECT count(*) FROM \"{schema}\".{MessagingModel.OutboxTable} WHERE dead_at IS NOT NULL", connection);
                var n = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
                if (n > 0)
                {
                    dead[schema] = n;
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return HealthCheckResult.Healthy("Outboxes not migrated yet.");
        }

        return dead.Count == 0
            ? HealthCheckResult.Healthy("No dead outbox messages.")
            : HealthCheckResult.Degraded("Dead outbox messages need attention (see outbox_messages.last_error).", data: dead);
    }
}
