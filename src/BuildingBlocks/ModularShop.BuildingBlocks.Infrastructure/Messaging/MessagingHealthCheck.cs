using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Degraded while any module's outbox, or any subscription's inbox queue, holds dead messages (they need an operator),
/// and while an inbox holds pending messages for a subscription this host does not have (renamed or removed: nobody
/// would ever deliver them). The data names each — <c>&lt;schema&gt;.outbox</c>, <c>&lt;schema&gt;/&lt;subscription&gt;</c>,
/// <c>&lt;schema&gt;/&lt;name&gt; (no subscription)</c> — with the count.
/// </summary>
internal sealed class MessagingHealthCheck(ShopDataSource dataSource, IEnumerable<MigratableContext> modules, SubscriptionRegistry subscriptions) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dead = new Dictionary<string, object>(StringComparer.Ordinal);
        try
        {
            await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
            foreach (var schema in modules.Select(m => m.Schema).Distinct())
            {
                await using var count = new NpgsqlCommand(
                    $"""
                    SELECT 'outbox', count(*) FROM "{schema}".{MessagingModel.OutboxTable} WHERE dead_at IS NOT NULL HAVING count(*) > 0
                    UNION ALL
                    SELECT handler, count(*) FROM "{schema}".{MessagingModel.InboxTable} WHERE dead_at IS NOT NULL GROUP BY handler
                    UNION ALL
                    SELECT '?' || handler, count(*) FROM "{schema}".{MessagingModel.InboxTable}
                    WHERE processed_at IS NULL AND dead_at IS NULL AND NOT (handler = ANY(@known)) GROUP BY handler
                    """, connection);
                count.Parameters.AddWithValue("known", subscriptions.All.Where(s => subscriptions.SchemaOf(s) == schema).Select(s => s.Name).ToArray());
                await using var reader = await count.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var what = reader.GetString(0);
                    var name = what switch
                    {
                        "outbox" => $"{schema}.outbox",
                        _ when what.StartsWith('?') => $"{schema}/{what[1..]} (no subscription)",
                        _ => $"{schema}/{what}",
                    };
                    dead[name] = reader.GetInt64(1);
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
        {
            return HealthCheckResult.Healthy("Messaging tables not migrated yet.");
        }

        return dead.Count == 0
            ? HealthCheckResult.Healthy("No dead messages.")
            : HealthCheckResult.Degraded(
                "Dead messages, or pending messages of a subscription this host does not have, need attention (see last_error in outbox_messages / inbox_messages).",
                data: dead);
    }
}
