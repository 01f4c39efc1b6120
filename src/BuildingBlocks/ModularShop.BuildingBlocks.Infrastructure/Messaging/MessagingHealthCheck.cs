using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Degraded while any module's outbox, or any subscription's inbox queue, holds dead messages (they need an operator).
/// The data names each: <c>&lt;schema&gt;.outbox</c> and <c>&lt;schema&gt;/&lt;subscription&gt;</c>, with the count.
/// </summary>
internal sealed class MessagingHealthCheck(ShopDataSource dataSource, IEnumerable<MigratableContext> modules) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = new Dictionary<string, object>(StringComparer.Ordinal);
        try
        {
            await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
            foreach (var schema in modules.Where(m => m.HasMessaging).Select(m => m.Schema).Distinct())
            {
                await using var count = new NpgsqlCommand(
                    $"""
                    SELECT 'outbox', count(*) FROM "{schema}".{MessagingModel.OutboxTable} WHERE dead_at IS NOT NULL HAVING count(*) > 0
                    UNION ALL
                    SELECT handler, count(*) FROM "{schema}".{MessagingModel.InboxTable} WHERE dead_at IS NOT NULL GROUP BY handler
                    """, connection);
                await using var reader = await count.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var what = reader.GetString(0);
                    dead[what == "outbox" ? $"{schema}.outbox" : $"{schema}/{what}"] = reader.GetInt64(1);
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
        {
            return HealthCheckResult.Healthy("Messaging tables not migrated yet.");
        }

        return dead.Count == 0
            ? HealthCheckResult.Healthy("No dead messages.")
            : HealthCheckResult.Degraded("Dead messages need attention (see last_error in outbox_messages / inbox_messages).", data: dead);
    }
}
