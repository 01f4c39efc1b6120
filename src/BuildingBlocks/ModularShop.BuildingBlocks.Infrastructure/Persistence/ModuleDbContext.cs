using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Base of every module's DbContext: everything it maps lives in the module's own schema, and so does its
/// migrations history (configured by <see cref="ModuleDbContextRegistration.AddModuleDbContext{TContext}"/>).
/// Every module schema also has an outbox and an inbox (<see cref="Publish"/>, <see cref="OutboxRelay"/>) and an
/// <c>idempotency_keys</c> table (<c>WithIdempotency&lt;TContext&gt;()</c>).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The PostgreSQL schema this module owns.</summary>
    public abstract string Schema { get; }

    /// <summary>
    /// Publishes <paramref name="integrationEvent"/> through this module's outbox: it is written by the next
    /// <c>SaveChanges</c>, in the same transaction as the change that raised it, and delivered after commit.
    /// A change that is never saved (or rolls back) publishes nothing.
    /// </summary>
    public void Publish(IntegrationEvent integrationEvent) =>
        Set<OutboxMessage>().Add(OutboxMessage.Create(
            integrationEvent.Id,
            IntegrationEventSerializer.NameOf(integrationEvent.GetType()),
            IntegrationEventSerializer.Serialize(integrationEvent),
            integrationEvent.OccurredAt));

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var publishes = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes)
        {
            await OutboxSignal.NotifyAsync(this, cancellationToken);
        }

        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            throw new InvalidOperationException("Publish integration events with SaveChangesAsync.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.MapMessaging();
        modelBuilder.MapIdempotency();
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => ConfigurationBelongsHere(t));
        base.OnModelCreating(modelBuilder);
    }

    /// <summary>Which <c>IEntityTypeConfiguration</c> types of the module's assembly this context applies.</summary>
    protected virtual bool ConfigurationBelongsHere(Type configurationType) => true;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money everywhere is numeric(12,2); strings have explicit lengths in configurations.
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
        base.ConfigureConventions(configurationBuilder);
    }
}

/// <summary>Wakes the relays (PostgreSQL <c>NOTIFY</c>, delivered when the transaction commits).</summary>
internal static class OutboxSignal
{
    public const string Channel = "modularshop_outbox";

    public static async Task NotifyAsync(ModuleDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {db.Schema})", cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The change and its events are committed; the relay's polling delivers them a little later.
            db.GetService<ILoggerFactory>().CreateLogger(typeof(OutboxSignal))
                .LogWarning(ex, "Could not signal the outbox relay of schema {Schema}; polling will deliver", db.Schema);
        }
    }
}
