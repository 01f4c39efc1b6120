using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>At-least-once delivery: an event committed while no relay runs waits in the outbox for the next relay.</summary>
public sealed class CrashBetweenCommitAndPublishTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Event_committed_while_no_relay_runs_is_delivered_when_a_relay_starts()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var integrationEvent = new ThingCounted(Guid.NewGuid());
        var thingId = integrationEvent.ThingId;

        // The "crash": the change commits, but no relay is running to publish it.
        await MessagingDatabase.PublishAsync(services, integrationEvent);
        (await database.ScalarAsync<bool>("SELECT processed_at IS NULL FROM msgtest.outbox_messages WHERE id = $1", integrationEvent.Id)).ShouldBeTrue();
        (await database.CounterAsync(thingId)).ShouldBe(0);

        // A relay (re)starts: it finds the pending row and delivers it.
        var relay = services.GetRequiredService<MessagePump>();
        await relay.StartAsync(ct);
        try
        {
            await Eventually.UntilAsync(() => database.CounterAsync(thingId), v => v == 1, TimeSpan.FromSeconds(10), "the effect of the pending event");
            await Eventually.UntilAsync(
                () => database.ScalarAsync<bool>("SELECT processed_at IS NOT NULL FROM msgtest.outbox_messages WHERE id = $1", integrationEvent.Id),
                delivered => delivered, TimeSpan.FromSeconds(10), "the outbox row marked delivered");
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }

        (await database.CounterAsync(thingId)).ShouldBe(1);
    }

    [Fact]
    public async Task Event_is_due_at_once_whatever_the_publishing_clock_says()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        // A publisher whose clock runs ahead (another host, or a test's FakeTimeProvider).
        var ahead = new ThingCounted(Guid.NewGuid()) { OccurredAt = DateTimeOffset.UtcNow.AddHours(1) };

        await MessagingDatabase.PublishAsync(services, ahead);
        await services.GetRequiredService<MessagePump>().DeliverDueAsync(ct);

        (await database.CounterAsync(ahead.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<DateTime>("SELECT occurred_at FROM msgtest.outbox_messages WHERE id = $1", ahead.Id))
            .ShouldBe(ahead.OccurredAt.UtcDateTime, TimeSpan.FromMilliseconds(1));
    }
}

/// <summary>Exactly-once effect: the inbox makes a redelivery a no-op.</summary>
public sealed class DuplicateDeliveryTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Delivering_a_subscription_again_applies_nothing_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("dispatcher");
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var subscription = services.GetRequiredService<SubscriptionRegistry>().For("test.thing-counted.v1").ShouldHaveSingleItem();
        var integrationEvent = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(services, integrationEvent);
        (await services.GetRequiredService<OutboxRelay>().RelayDueAsync(ct)).ShouldBe(1);

        (await dispatcher.DeliverAllDueAsync(subscription, ct)).ShouldBe(1);
        (await dispatcher.DeliverAllDueAsync(subscription, ct)).ShouldBe(0);

        (await database.CounterAsync(integrationEvent.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = $1 AND processed_at IS NOT NULL", integrationEvent.Id))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Outbox_row_relayed_again_after_processed_at_is_reset_has_one_effect()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var pump = services.GetRequiredService<MessagePump>();
        var integrationEvent = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(services, integrationEvent);

        (await pump.DeliverDueAsync(ct)).ShouldBeGreaterThanOrEqualTo(1);
        (await database.CounterAsync(integrationEvent.ThingId)).ShouldBe(1);

        // As if a relay crashed after filling the inboxes but before marking the outbox row relayed.
        await database.ExecuteAsync("UPDATE msgtest.outbox_messages SET processed_at = NULL WHERE id = $1", integrationEvent.Id);
        (await services.GetRequiredService<OutboxRelay>().RelayDueAsync(ct)).ShouldBe(1);
        (await pump.DeliverDueAsync(ct)).ShouldBe(0);

        (await database.CounterAsync(integrationEvent.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<bool>("SELECT processed_at IS NOT NULL FROM msgtest.outbox_messages WHERE id = $1", integrationEvent.Id)).ShouldBeTrue();
    }
}

/// <summary>Consumers order deliveries per aggregate by version.</summary>
public sealed class OutOfOrderTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Older_event_arriving_after_a_newer_one_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var relay = services.GetRequiredService<MessagePump>();
        var thingId = Guid.NewGuid();

        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 2, "second"));
        await relay.DeliverDueAsync(ct);
        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 1, "first"));
        await relay.DeliverDueAsync(ct);

        (await database.ScalarAsync<string>("SELECT name FROM msgtest.things WHERE id = $1", thingId)).ShouldBe("second");
        (await database.ScalarAsync<long>("SELECT version FROM msgtest.things WHERE id = $1", thingId)).ShouldBe(2);
        // Both were delivered (the older one was applied as a no-op, not left pending or failed).
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages WHERE processed_at IS NULL OR attempts > 0")).ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE processed_at IS NOT NULL AND attempts = 0")).ShouldBe(2);
    }
}

/// <summary>Nothing is published without the change.</summary>
public sealed class RollbackTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Rolled_back_transaction_publishes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var thingId = Guid.NewGuid();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Things.Add(new Thing { Id = thingId, Name = "never", Version = 1 });
            db.Publish(new ThingCounted(thingId));
            await db.SaveChangesAsync(ct);
            await transaction.RollbackAsync(ct);
        }

        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages")).ShouldBe(0);
        (await services.GetRequiredService<OutboxRelay>().RelayDueAsync(ct)).ShouldBe(0);
        (await database.CounterAsync(thingId)).ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.things")).ShouldBe(0);
    }
}

/// <summary>Low latency: NOTIFY at commit wakes the relay, polling is only the fallback.</summary>
public sealed class NotifyTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Notify_wakes_the_relay_long_before_the_poll_interval()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay", new Dictionary<string, string?> { ["Messaging:PollInterval"] = "00:00:30" });
        var relay = services.GetRequiredService<MessagePump>();
        await relay.StartAsync(ct);
        try
        {
            // A first event makes sure the relay is listening and past its first pass (which would find anything).
            var first = Guid.NewGuid();
            await MessagingDatabase.PublishAsync(services, new ThingCounted(first));
            await Eventually.UntilAsync(() => database.CounterAsync(first), v => v == 1, TimeSpan.FromSeconds(10), "the first effect");

            // The relay now waits up to 30 s for work; only the NOTIFY can wake it in time.
            var second = Guid.NewGuid();
            var started = System.Diagnostics.Stopwatch.StartNew();
            await MessagingDatabase.PublishAsync(services, new ThingCounted(second));
            await Eventually.UntilAsync(() => database.CounterAsync(second), v => v == 1, TimeSpan.FromSeconds(5), "the second effect, woken by NOTIFY");
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }
}
