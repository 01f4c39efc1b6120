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
    /// A change that is never saved (or rolls back) publishes nothing. An event without <c>OccurredAt</c> gets the
    /// host's <see cref="TimeProvider"/> time.
    /// </summary>
    public void Publish(IntegrationEvent integrationEvent)
    {
        if (integrationEvent.OccurredAt == default)
        {
            integrationEvent = integrationEvent with { OccurredAt = Clock.GetUtcNow() };
        }

        Set<OutboxMessage>().Add(OutboxMessage.Create(
            integrationEvent.Id,
            MessageSerializer.NameOf(integrationEvent.GetType()),
            MessageSerializer.Serialize(integrationEvent),
            integrationEvent.OccurredAt));
    }

    /// <summary>
    /// Schedules <paramref name="message"/> for this module's own handler at <paramref name="dueAt"/> (a timeout, an
    /// expiry): it is written by the next <c>SaveChanges</c>, in the same transaction as the change that needs it, into
    /// this module's inbox, and handled once when the host's <see cref="TimeProvider"/> reaches <paramref name="dueAt"/>
    /// (within <c>Messaging:PollInterval</c>) — on whichever host instance, also after restarts. Register the handler
    /// with <c>AddSubscriptions&lt;TContext&gt;(s =&gt; s.HandleScheduled&lt;TMessage, THandler&gt;())</c>.
    /// </summary>
    public void Schedule(ScheduledMessage message, DateTimeOffset dueAt)
    {
        var name = MessageSerializer.NameOf(message.GetType());
        if (Service<SubscriptionRegistry>() is { } registry && !registry.All.Any(s => s.Name == name && s.ContextType == GetType()))
        {
            // Nobody would ever handle it: it would wait in the inbox for good.
            throw new InvalidOperationException(
                $"No handler for scheduled message '{name}' in {GetType().Name}: register it with AddSubscriptions<{GetType().Name}>(s => s.HandleScheduled<...>()).");
        }

        Set<InboxMessage>().Add(InboxMessage.Scheduled(message.Id, name, MessageSerializer.Serialize(message), dueAt, Clock.GetUtcNow()));
    }

    /// <summary>
    /// Set while an idempotent request runs (<c>WithIdempotency&lt;TContext&gt;()</c>): the request's transaction begins
    /// at the handler's first write — its first <c>SaveChanges</c> or <c>BeginOrJoinTransactionAsync</c> — not before the
    /// handler, so no connection is held while the handler reads other modules (whose contexts need connections of their
    /// own from the same pool) or waits. The idempotency filter commits or rolls it back.
    /// </summary>
    internal bool BeginsTransactionOnFirstWrite { get; set; }

    /// <summary>Begins the pending request transaction (see <see cref="BeginsTransactionOnFirstWrite"/>) if it has not begun.</summary>
    internal async Task BeginPendingTransactionAsync(CancellationToken cancellationToken)
    {
        if (BeginsTransactionOnFirstWrite && Database.CurrentTransaction is null)
        {
            await Database.BeginTransactionAsync(cancellationToken);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await BeginPendingTransactionAsync(cancellationToken);
        var publishes = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        var dueNow = ChangeTracker.Entries<InboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.NextAttemptAt <= Clock.GetUtcNow())
            .Select(e => e.Entity.Handler)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (publishes || dueNow.Count > 0)
        {
            // Wakes, at the commit, the relay (for this outbox) and the subscriptions of scheduled messages already due.
            IEnumerable<string> payloads = [.. dueNow.Select(name => MessagingSignals.InboxPayloadForAll(Schema, name))];
            await MessagingSignal.NotifyAsync(this, publishes ? payloads.Prepend(MessagingSignals.OutboxPrefix + Schema) : payloads, cancellationToken);
        }

        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added)
            || ChangeTracker.Entries<InboxMessage>().Any(e => e.State == EntityState.Added))
        {
            throw new InvalidOperationException("Publish and schedule messages with SaveChangesAsync.");
        }

        if (BeginsTransactionOnFirstWrite)
        {
            throw new InvalidOperationException("Inside an idempotent request, save with SaveChangesAsync (it begins the request's transaction).");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>The host's clock (a fake one in tests), for the times this context stamps; the system clock outside a host.</summary>
    private TimeProvider Clock => Service<TimeProvider>() ?? TimeProvider.System;

    /// <summary>A service of the application (EF falls back to the application's provider), or null outside a host.</summary>
    private T? Service<T>() where T : class
    {
        try
        {
            return this.GetService<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
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

/// <summary>
/// Wakes the messaging loops of every host instance (PostgreSQL <c>NOTIFY</c>, delivered when the transaction commits):
/// <c>outbox:&lt;schema&gt;</c> after a publish, <c>inbox:&lt;schema&gt;/&lt;subscription&gt;</c> after a schedule that is already due (<see cref="MessagingSignals"/>).
/// </summary>
internal static class MessagingSignal
{
    public static async Task NotifyAsync(ModuleDbContext db, IEnumerable<string> payloads, CancellationToken cancellationToken)
    {
        try
        {
            var all = payloads.ToArray();
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({MessagingSignals.Channel}, payload) FROM unnest({all}) AS payload", cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException && db.Database.CurrentTransaction is null)
        {
            // The change and its messages are committed; polling delivers them a little later. (Inside an explicit
            // transaction the failure is not swallowed: it aborted that transaction, whose commit would then quietly
            // roll back everything.)
            db.GetService<ILoggerFactory>().CreateLogger(typeof(MessagingSignal))
                .LogWarning(ex, "Could not signal the messaging loops of schema {Schema}; polling will deliver", db.Schema);
        }
    }
}
