using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>Which service provider (relay) a handler ran in.</summary>
public sealed record RelayIdentity(string Name);

internal sealed class CountThingOnThingCounted(TestDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingCounted>
{
    public Task HandleAsync(ThingCounted integrationEvent, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO msgtest.counters (id, value, relay) VALUES ({integrationEvent.ThingId}, 1, {relay.Name})
            ON CONFLICT (id) DO UPDATE SET value = counters.value + 1
            """,
            cancellationToken);
}

internal sealed class RenameThingOnThingRenamed(TestDbContext db) : IIntegrationEventHandler<ThingRenamed>
{
    /// <summary>Applies only a newer version (docs/messaging.md, Subscribe step 3), with tracked entities.</summary>
    public async Task HandleAsync(ThingRenamed integrationEvent, CancellationToken cancellationToken)
    {
        var thing = await db.Things.FindAsync([integrationEvent.ThingId], cancellationToken);
        if (thing is null)
        {
            db.Things.Add(new Thing { Id = integrationEvent.ThingId, Name = integrationEvent.Name, Version = integrationEvent.Version });
        }
        else if (thing.Version < integrationEvent.Version)
        {
            thing.Name = integrationEvent.Name;
            thing.Version = integrationEvent.Version;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

internal sealed class FailOnThingBroke : IIntegrationEventHandler<ThingBroke>
{
    /// <summary>When each attempt ran, per event id (the database rolls back, this does not).</summary>
    public static ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> Attempts { get; } = new();

    public Task HandleAsync(ThingBroke integrationEvent, CancellationToken cancellationToken)
    {
        Attempts.GetOrAdd(integrationEvent.Id, _ => new ConcurrentQueue<DateTimeOffset>()).Enqueue(DateTimeOffset.UtcNow);
        throw new InvalidOperationException($"thing {integrationEvent.ThingId} is broken");
    }
}
