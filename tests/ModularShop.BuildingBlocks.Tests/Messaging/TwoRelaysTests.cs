using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>Several relays side by side (SKIP LOCKED claims) deliver every event, each effect once.</summary>
public sealed class TwoRelaysTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    internal const int Events = 1_000;
    internal const int PerTransaction = 25;

    [Fact]
    public async Task Two_relays_deliver_1000_events_published_concurrently_with_each_effect_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        // Small batches so that both relays get work.
        var settings = new Dictionary<string, string?> { ["Messaging:BatchSize"] = "10" };
        var relays = new[]
        {
            database.CreateServices("relay-a", settings).GetRequiredService<MessagePump>(),
            database.CreateServices("relay-b", settings).GetRequiredService<MessagePump>(),
        };
        relays[0].ShouldNotBeSameAs(relays[1]);
        var publisher = database.CreateServices("publisher", settings);
        foreach (var relay in relays)
        {
            await relay.StartAsync(ct);
        }

        try
        {
            // 40 transactions of 25 events, 4 publishers at a time, while both relays deliver.
            var batches = Enumerable.Range(0, Events / PerTransaction)
                .Select(_ => Enumerable.Range(0, PerTransaction).Select(_ => (IntegrationEvent)new ThingCounted(Guid.NewGuid())).ToArray())
                .ToArray();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (batch, _) => await MessagingDatabase.PublishAsync(publisher, batch));

            await Eventually.UntilAsync(
                () => database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE processed_at IS NOT NULL"),
                n => n == Events, TimeSpan.FromSeconds(60), "every event delivered");
        }
        finally
        {
            foreach (var relay in relays)
            {
                await relay.StopAsync(CancellationToken.None);
            }
        }

        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages")).ShouldBe(Events);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.outbox_messages WHERE processed_at IS NULL OR attempts > 0")).ShouldBe(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.counters")).ShouldBe(Events);
        (await database.ScalarAsync<long>("SELECT sum(value) FROM msgtest.counters")).ShouldBe(Events);
        (await database.ScalarAsync<int>("SELECT max(value) FROM msgtest.counters")).ShouldBe(1);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE attempts = 0")).ShouldBe(Events);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.counters WHERE relay = 'relay-a'")).ShouldBeGreaterThan(0);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.counters WHERE relay = 'relay-b'")).ShouldBeGreaterThan(0);
    }
}
