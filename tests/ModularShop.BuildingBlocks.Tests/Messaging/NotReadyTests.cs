using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>
/// An event that arrives before what it refers to (<see cref="MessageNotReadyException"/>) is retried with back-off and
/// applied once it can be — and is not counted as a failed delivery on the way, unlike a handler that throws anything else.
/// </summary>
public sealed class NotReadyTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    private const string Subscription = "test.count-early-thing";

    [Fact]
    public async Task An_event_that_came_too_early_is_applied_once_it_can_be_without_a_failure_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices(
            "relay",
            new Dictionary<string, string?> { ["Messaging:RetryBaseDelay"] = "00:00:00.050", ["Messaging:PollInterval"] = "00:00:00.020" },
            subscribe: s => s.Subscribe<ThingEarly, CountThingOnThingEarly>(Subscription, batchSize: 1).Subscribe<ThingBroke, FailOnThingBroke>("test.fail-thing"));
        var failures = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.MeterName && instrument.Name == "modularshop.inbox.failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "subscription" && tag.Value is string name)
                {
                    failures.AddOrUpdate(name, value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();

        var early = new ThingEarly(Guid.NewGuid());
        var broken = new ThingBroke(Guid.NewGuid());
        var pump = services.GetRequiredService<MessagePump>();
        await pump.StartAsync(ct);
        try
        {
            await MessagingDatabase.PublishAsync(services, early);
            await MessagingDatabase.PublishAsync(services, broken);
            await Eventually.UntilAsync(
                () => database.ScalarAsync<int>("SELECT attempts FROM msgtest.inbox_messages WHERE message_id = $1", early.Id),
                n => n >= 2, TimeSpan.FromSeconds(10), "two attempts while the thing is missing");
            (await database.CounterAsync(early.ThingId)).ShouldBe(0);

            await database.ExecuteAsync("INSERT INTO msgtest.things (id, name, version) VALUES ($1, 'late', 1)", early.ThingId);

            await Eventually.UntilAsync(() => database.CounterAsync(early.ThingId), v => v == 1, TimeSpan.FromSeconds(10), "the event applied once the thing exists");
            await Eventually.UntilAsync(() => Task.FromResult(failures.GetValueOrDefault("test.fail-thing")), n => n >= 1, TimeSpan.FromSeconds(10), "the broken event's failure reported");
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }

        failures.GetValueOrDefault(Subscription).ShouldBe(0, "coming too early is not a failure");
        (await database.ScalarAsync<string>("SELECT last_error FROM msgtest.inbox_messages WHERE message_id = $1", early.Id))
            .ShouldBeNull("applied: the last error is cleared");
    }
}
