using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Migrates every module's schema, then runs the modules' start-up tasks, before the server accepts
/// requests. A PostgreSQL advisory lock serialises this across host instances so two never race.
/// </summary>
internal sealed class MigrationRunner(
    IServiceProvider services,
    IEnumerable<MigratableContext> contexts,
    ILogger<MigrationRunner> logger) : IHostedService
{
    /// <summary>Arbitrary, fixed key of the advisory lock ("MSHOPMIG").</summary>
    private const long LockKey = 0x4D53484F504D4947;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var list = contexts.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var first = (DbContext)scope.ServiceProvider.GetRequiredService(list[0].ContextType);
        var connectionString = first.Database.GetConnectionString()!;
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", LockKey);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            foreach (var context in list)
            {
                await using var migrationScope = services.CreateAsyncScope();
                var db = (DbContext)migrationScope.ServiceProvider.GetRequiredService(context.ContextType);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Migrating schema {Schema}: {Migrations}", context.Schema, string.Join(", ", pending));
                    await db.Database.MigrateAsync(cancellationToken);
                }
            }

            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            {
                await task.RunAsync(cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
