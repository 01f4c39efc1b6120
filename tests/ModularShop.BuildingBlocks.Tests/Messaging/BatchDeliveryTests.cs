using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>The relay hands a claimed batch to each subscription in one transaction, falling back to one by one on failure.</summary>
public sealed class BatchDeliveryTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task A_failing_message_in_a_batch_is_retried_alone_while_the_rest_of_the_batch_is_delivered_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay", new Dictionary<string, string?> { ["Messaging:RetryBaseDelay"] = "00:10:00" });
        var before = new ThingCounted(Guid.NewGuid());
        var broken = new ThingBroke(Guid.NewGuid());
        var brokenToo = new ThingBroke(Guid.NewGuid());
        var after = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(services, before, broken, after, brokenToo);

        (await services.GetRequiredService<MessagePump>().DeliverDueAsync(ct)).ShouldBe(8); // 4 relayed, 4 delivered or failed

        (await database.CounterAsync(before.ThingId)).ShouldBe(1);
        (await database.CounterAsync(after.ThingId)).ShouldBe(1);
        Guid[] ids = [before.Id, broken.Id, after.Id, brokenToo.Id];
        // Every event left the outbox; the failures are the failing subscription's own, in its inbox queue.
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages WHERE id = ANY($1) AND processed_at IS NOT NULL AND attempts = 0", ids)).ShouldBe(4);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = ANY($1) AND processed_at IS NOT NULL", ids)).ShouldBe(2);
        (await database.ScalarAsync<long>(
            "SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = ANY($1) AND handler = 'test.fail-thing' AND attempts = 1 AND processed_at IS NULL AND last_error LIKE 'InvalidOperationException: thing %'",
            new[] { broken.Id, brokenToo.Id })).ShouldBe(2);
    }

    [Fact]
    public async Task Versions_of_one_aggregate_in_one_batch_are_applied_in_commit_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var thingId = Guid.NewGuid();
        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 1, "one"), new ThingRenamed(thingId, 2, "two"));
        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 3, "three"), new ThingRenamed(thingId, 2, "two again"));

        await services.GetRequiredService<MessagePump>().DeliverDueAsync(ct);

        (await database.ScalarAsync<string>("SELECT name FROM msgtest.things WHERE id = $1", thingId)).ShouldBe("three");
        (await database.ScalarAsync<long>("SELECT version FROM msgtest.things WHERE id = $1", thingId)).ShouldBe(3);
    }

    [Fact]
    public async Task Two_dispatchers_draining_one_subscription_at_once_apply_each_message_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new Dictionary<string, string?> { ["Messaging:BatchSize"] = "7" };
        var first = database.CreateServices("dispatcher-a", settings);
        var second = database.CreateServices("dispatcher-b", settings);
        var events = Enumerable.Range(0, 200).Select(_ => (ModularShop.BuildingBlocks.Contracts.IntegrationEvent)new ThingCounted(Guid.NewGuid())).ToArray();
        await MessagingDatabase.PublishAsync(first, events);
        (await first.GetRequiredService<OutboxRelay>().RelayDueAsync(ct)).ShouldBe(200);
        var subscription = first.GetRequiredService<SubscriptionRegistry>().All.Single(s => s.Name == "test.count-thing");

        var delivered = await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<InboxDispatcher>().DeliverAllDueAsync(subscription, ct), ct),
            Task.Run(() => second.GetRequiredService<InboxDispatcher>().DeliverAllDueAsync(subscription, ct), ct));

        delivered.Sum().ShouldBe(200);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.counters WHERE id = ANY($1)", events.Select(e => ((ThingCounted)e).ThingId).ToArray())).ShouldBe(200);
        (await database.ScalarAsync<int>("SELECT max(value) FROM msgtest.counters WHERE id = ANY($1)", events.Select(e => ((ThingCounted)e).ThingId).ToArray())).ShouldBe(1);
    }
}
