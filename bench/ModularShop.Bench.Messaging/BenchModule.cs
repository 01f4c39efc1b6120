using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.Bench.Messaging;

/// <summary>The benchmark's module: its own schema, one effect row per event, and (from the base) an outbox and an inbox.</summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "msgbench";

    public override string Schema => SchemaName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Effect>(effect =>
        {
            effect.ToTable("effects");
            effect.HasKey(e => e.EventId);
            effect.Property(e => e.Relay).HasMaxLength(20);
        });
    }
}

/// <summary>One event's effect: when it was applied (database clock) and by which relay.</summary>
internal sealed class Effect
{
    public Guid EventId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public string Relay { get; set; } = string.Empty;
}

[IntegrationEventName("bench.thing-happened.v1")]
internal sealed record ThingHappened(long Number) : IntegrationEvent;

internal sealed record RelayIdentity(string Name);

/// <summary>A typical small effect: one insert in the subscriber's schema, in the dispatcher's transaction.</summary>
internal sealed class RecordEffectOnThingHappened(BenchDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingHappened>
{
    public Task HandleAsync(ThingHappened integrationEvent, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO msgbench.effects (event_id, occurred_at, applied_at, relay)
            VALUES ({integrationEvent.Id}, {integrationEvent.OccurredAt}, clock_timestamp(), {relay.Name})
            """,
            cancellationToken);
}
