using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>Each subscription is delivered on its own: a slow or failing one holds up no other subscription or event.</summary>
public sealed class IsolationTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task A_subscriber_that_takes_10_s_does_not_delay_another_subscriber_of_the_same_event_nor_other_events_beyond_1_s()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay", subscribe: s => MessagingDatabase.DefaultSubscriptions(s
            .Subscribe<ThingShared, SleepOnThingShared>("test.sleep-on-shared")
            .Subscribe<ThingShared, CountOnThingShared>("test.count-shared")));
        var pump = services.GetRequiredService<MessagePump>();
        await pump.StartAsync(ct);
        try
        {
            var shared = new ThingShared(Guid.NewGuid());
            var other = new ThingCounted(Guid.NewGuid());
            // Timed from the commits of the two events: what a subscriber may not add is waiting, not the publishing itself.
            await MessagingDatabase.PublishAsync(services, shared);
            var clock = Stopwatch.StartNew();
            await MessagingDatabase.PublishAsync(services, other);

            // The fast subscriber of the same event and the subscriber of another event are served while the slow one sleeps.
            await Eventually.UntilAsync(() => database.CounterAsync(shared.ThingId), v => v == 1, TimeSpan.FromSeconds(5), "the fast subscriber's effect");
            var sameEvent = clock.Elapsed;
            await Eventually.UntilAsync(() => database.CounterAsync(other.ThingId), v => v == 1, TimeSpan.FromSeconds(5), "the other event's effect");
            var otherEvent = clock.Elapsed;

            sameEvent.ShouldBeLessThan(TimeSpan.FromSeconds(1), "the other subscriber of the same event waited for the slow one");
            otherEvent.ShouldBeLessThan(TimeSpan.FromSeconds(1), "another event waited for the slow subscriber");
            SleepOnThingShared.Finished.ContainsKey(shared.ThingId).ShouldBeFalse("the slow subscriber should still be sleeping");

            // The slow subscriber finishes on its own time, once.
            await Eventually.UntilAsync(
                () => database.ScalarAsync<bool>("SELECT processed_at IS NOT NULL FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.sleep-on-shared'", shared.Id),
                done => done, TimeSpan.FromSeconds(30), "the slow subscriber's delivery");
            clock.Elapsed.ShouldBeGreaterThanOrEqualTo(SleepOnThingShared.Duration - TimeSpan.FromMilliseconds(50));
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failing_subscriber_is_retried_and_parked_alone_with_its_own_attempts_and_last_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices(
            "relay",
            new Dictionary<string, string?>
            {
                ["Messaging:MaxAttempts"] = "3",
                ["Messaging:RetryBaseDelay"] = "00:00:00.050",
                ["Messaging:PollInterval"] = "00:00:00.020",
            },
            fullInfrastructure: true,
            subscribe: s => MessagingDatabase.DefaultSubscriptions(s
                .Subscribe<ThingShared, FailOnThingShared>("test.fail-on-shared")
                .Subscribe<ThingShared, CountOnThingShared>("test.count-shared")));
        var pump = services.GetRequiredService<MessagePump>();
        var shared = new ThingShared(Guid.NewGuid());
        await pump.StartAsync(ct);
        try
        {
            await MessagingDatabase.PublishAsync(services, shared);
            await Eventually.UntilAsync(() => database.CounterAsync(shared.ThingId), v => v == 1, TimeSpan.FromSeconds(5), "the healthy subscriber's effect");
            await Eventually.UntilAsync(
                () => database.ScalarAsync<bool>("SELECT dead_at IS NOT NULL FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.fail-on-shared'", shared.Id),
                dead => dead, TimeSpan.FromSeconds(20), "the failing subscription parked as dead");
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }

        // Each subscription has its own row: the healthy one delivered at the first attempt, the failing one dead after 3.
        (await database.ScalarAsync<int>("SELECT attempts FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.count-shared'", shared.Id)).ShouldBe(0);
        (await database.ScalarAsync<bool>("SELECT processed_at IS NOT NULL FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.count-shared'", shared.Id)).ShouldBeTrue();
        (await database.ScalarAsync<int>("SELECT attempts FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.fail-on-shared'", shared.Id)).ShouldBe(3);
        (await database.ScalarAsync<string>("SELECT last_error FROM msgtest.inbox_messages WHERE message_id = $1 AND handler = 'test.fail-on-shared'", shared.Id))
            .ShouldBe($"InvalidOperationException: shared thing {shared.ThingId} is broken for this subscriber");
        (await database.CounterAsync(shared.ThingId)).ShouldBe(1);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "messaging", ct);
        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["messaging"].Data.Keys.ShouldContain($"{TestDbContext.SchemaName}/test.fail-on-shared");
        report.Entries["messaging"].Data.Keys.ShouldNotContain($"{TestDbContext.SchemaName}/test.count-shared");
    }
}
