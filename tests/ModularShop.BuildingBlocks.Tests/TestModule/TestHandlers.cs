using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>Which service provider (relay) a handler ran in.</summary>
public sealed record RelayIdentity(string Name);

internal sealed class CountThingOnThingCounted(TestDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingCounted>
{
    public Task HandleAsync(ThingCounted integrationEvent, CancellationToken cancellationToken) =>
        Counting.IncrementAsync(db, integrationEvent.ThingId, relay.Name, cancellationToken);
}

/// <summary>The same reaction as <see cref="CountThingOnThingCounted"/> after a class rename (same subscription name).</summary>
internal sealed class CountThingOnThingCountedRenamed(TestDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingCounted>
{
    public Task HandleAsync(ThingCounted integrationEvent, CancellationToken cancellationToken) =>
        Counting.IncrementAsync(db, integrationEvent.ThingId, relay.Name + "-renamed", cancellationToken);
}

internal sealed class CountOnThingShared(TestDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingShared>
{
    public Task HandleAsync(ThingShared integrationEvent, CancellationToken cancellationToken) =>
        Counting.IncrementAsync(db, integrationEvent.ThingId, relay.Name, cancellationToken);
}

/// <summary>Takes 10 seconds per event (the slow subscriber of the isolation test).</summary>
internal sealed class SleepOnThingShared : IIntegrationEventHandler<ThingShared>
{
    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    public static ConcurrentDictionary<Guid, DateTimeOffset> Finished { get; } = new();

    public async Task HandleAsync(ThingShared integrationEvent, CancellationToken cancellationToken)
    {
        await Task.Delay(Duration, cancellationToken);
        Finished[integrationEvent.ThingId] = DateTimeOffset.UtcNow;
    }
}

/// <summary>Always throws (the failing subscriber of the isolation test).</summary>
internal sealed class FailOnThingShared : IIntegrationEventHandler<ThingShared>
{
    public Task HandleAsync(ThingShared integrationEvent, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"shared thing {integrationEvent.ThingId} is broken for this subscriber");
}

/// <summary>The test module's scheduled-message handler: counts each time a <see cref="ThingDue"/> is handled.</summary>
internal sealed class CountThingWhenDue(TestDbContext db, RelayIdentity relay) : IScheduledMessageHandler<ThingDue>
{
    public Task HandleAsync(ThingDue message, CancellationToken cancellationToken) =>
        Counting.IncrementAsync(db, message.ThingId, relay.Name, cancellationToken);
}

internal static class Counting
{
    public static Task IncrementAsync(TestDbContext db, Guid thingId, string relay, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO msgtest.counters (id, value, relay) VALUES ({thingId}, 1, {relay})
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

/// <summary>Counts <see cref="ThingEarly"/> once its thing exists; until then, not ready (it came too early).</summary>
internal sealed class CountThingOnThingEarly(TestDbContext db, RelayIdentity relay) : IIntegrationEventHandler<ThingEarly>
{
    public async Task HandleAsync(ThingEarly integrationEvent, CancellationToken cancellationToken)
    {
        if (await db.Things.FindAsync([integrationEvent.ThingId], cancellationToken) is null)
        {
            throw new MessageNotReadyException($"thing {integrationEvent.ThingId} is not there yet");
        }

        await Counting.IncrementAsync(db, integrationEvent.ThingId, relay.Name, cancellationToken);
    }
}
