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

        (await services.GetRequiredService<OutboxRelay>().RelayDueAsync(ct)).ShouldBe(4);

        (await database.CounterAsync(before.ThingId)).ShouldBe(1);
        (await database.CounterAsync(after.ThingId)).ShouldBe(1);
        Guid[] ids = [before.Id, broken.Id, after.Id, brokenToo.Id];
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages WHERE id = ANY($1) AND processed_at IS NOT NULL", ids)).ShouldBe(2);
        (await database.ScalarAsync<long>(
            "SELECT count(*) FROM msgtest.outbox_messages WHERE id = ANY($1) AND attempts = 1 AND processed_at IS NULL AND last_error LIKE 'InvalidOperationException: thing %'",
            new[] { broken.Id, brokenToo.Id })).ShouldBe(2);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = ANY($1)", ids)).ShouldBe(2);
    }

    [Fact]
    public async Task Versions_of_one_aggregate_in_one_batch_are_applied_in_commit_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var thingId = Guid.NewGuid();
        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 1, "one"), new ThingRenamed(thingId, 2, "two"));
        await MessagingDatabase.PublishAsync(services, new ThingRenamed(thingId, 3, "three"), new ThingRenamed(thingId, 2, "two again"));

        await services.GetRequiredService<OutboxRelay>().RelayDueAsync(ct);

        (await database.ScalarAsync<string>("SELECT name FROM msgtest.things WHERE id = $1", thingId)).ShouldBe("three");
        (await database.ScalarAsync<long>("SELECT version FROM msgtest.things WHERE id = $1", thingId)).ShouldBe(3);
    }

    [Fact]
    public async Task A_batch_redelivered_after_its_claim_was_lost_has_no_second_effect()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay");
        var events = Enumerable.Range(0, 5).Select(_ => new ThingCounted(Guid.NewGuid())).ToArray();
        var dispatcher = services.GetRequiredService<InboxDispatcher>();
        var subscription = services.GetRequiredService<SubscriptionRegistry>().For("test.thing-counted.v1").ShouldHaveSingleItem();
        var messages = events.Select(e => (e.Id, IntegrationEventSerializer.Serialize(e))).ToList();

        (await dispatcher.DispatchBatchAsync(messages[..3], subscription, ct)).ShouldBe(3);
        (await dispatcher.DispatchBatchAsync(messages, subscription, ct)).ShouldBe(2);
        (await dispatcher.DispatchBatchAsync(messages, subscription, ct)).ShouldBe(0);

        foreach (var e in events)
        {
            (await database.CounterAsync(e.ThingId)).ShouldBe(1);
        }
    }
}
