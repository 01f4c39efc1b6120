using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>A subscription's inbox key is the name given at subscription, not its handler's CLR type.</summary>
public sealed class SubscriptionNameTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task Renaming_the_handler_class_keeps_the_subscription_and_does_not_redeliver_old_events()
    {
        var ct = TestContext.Current.CancellationToken;
        var before = database.CreateServices("before");
        var integrationEvent = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(before, integrationEvent);
        await before.GetRequiredService<MessagePump>().DeliverDueAsync(ct);
        (await database.CounterAsync(integrationEvent.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<string>("SELECT handler FROM msgtest.inbox_messages WHERE message_id = $1", integrationEvent.Id)).ShouldBe("test.count-thing");

        // A new version of the module: the handler class was renamed, the subscription name kept. The old event comes
        // round again (a relay crashed before marking it relayed).
        var after = database.CreateServices("after", subscribe: s => s.Subscribe<ThingCounted, CountThingOnThingCountedRenamed>("test.count-thing"));
        await database.ExecuteAsync("UPDATE msgtest.outbox_messages SET processed_at = NULL WHERE id = $1", integrationEvent.Id);
        await after.GetRequiredService<MessagePump>().DeliverDueAsync(ct);

        (await database.CounterAsync(integrationEvent.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = $1", integrationEvent.Id)).ShouldBe(1);

        // New events reach the renamed class.
        var next = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(after, next);
        await after.GetRequiredService<MessagePump>().DeliverDueAsync(ct);
        (await database.ScalarAsync<string>("SELECT relay FROM msgtest.counters WHERE id = $1", next.ThingId)).ShouldBe("after-renamed");
    }

    [Fact]
    public void Two_subscriptions_with_one_name_or_a_malformed_name_are_refused_at_start_up()
    {
        var twice = database.CreateServices("twice", subscribe: s => s
            .Subscribe<ThingCounted, CountThingOnThingCounted>("test.count-thing")
            .Subscribe<ThingCounted, CountThingOnThingCountedRenamed>("test.count-thing"));
        Should.Throw<InvalidOperationException>(() => twice.GetRequiredService<SubscriptionRegistry>())
            .Message.ShouldContain("'test.count-thing'");

        Should.Throw<ArgumentException>(() => database.CreateServices("malformed", subscribe: s => s
                .Subscribe<ThingCounted, CountThingOnThingCounted>("ModularShop.Tests.CountThingOnThingCounted")))
            .Message.ShouldContain("not a valid subscription name");
    }
}
