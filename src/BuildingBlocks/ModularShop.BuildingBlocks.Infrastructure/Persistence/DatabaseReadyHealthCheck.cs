using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>Ready when the database answers and every module's migrations are applied.</summary>
internal sealed class DatabaseReadyHealthCheck(IServiceProvider services, IEnumerable<MigratableContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        try
        {
            foreach (var module in contexts)
            {
                await using var scope = services.CreateAsyncScope();
                var db = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                data[module.Schema] = pending.Count == 0 ? "migrated" : $"{pending.Count} pending";
                if (pending.Count > 0)
                {
                    return HealthCheckResult.Unhealthy($"Schema {module.Schema} has pending migrations.", data: data);
                }
            }

            return HealthCheckResult.Healthy("Database reachable, migrations applied.", data);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex, data);
        }
    }
}
