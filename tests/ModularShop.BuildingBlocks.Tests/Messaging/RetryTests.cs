using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>Failures are retried with back-off, then parked as dead (and reported), never dropped; others keep flowing.</summary>
public sealed class RetryTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    internal const int MaxAttempts = 4;

    [Fact]
    public async Task Failing_handler_is_retried_with_growing_back_off_then_parked_dead_while_other_messages_flow()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("relay", new Dictionary<string, string?>
        {
            ["Messaging:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:RetryBaseDelay"] = "00:00:00.100",
            ["Messaging:PollInterval"] = "00:00:00.020",
        }, fullInfrastructure: true);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
        var health = services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync(r => r.Name == "messaging", ct)).Status.ShouldBe(HealthStatus.Healthy);

        var broken = new ThingBroke(Guid.NewGuid());
        var healthy = new ThingCounted(Guid.NewGuid());
        var relay = services.GetRequiredService<MessagePump>();
        await relay.StartAsync(ct);
        try
        {
            await MessagingDatabase.PublishAsync(services, broken);
            await Eventually.UntilAsync(
                () => database.ScalarAsync<int>("SELECT attempts FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id),
                n => n >= 1, TimeSpan.FromSeconds(10), "the first failed attempt");

            // Published after the failing one: delivered while the failing one waits for its retries.
            await MessagingDatabase.PublishAsync(services, healthy);
            await Eventually.UntilAsync(() => database.CounterAsync(healthy.ThingId), v => v == 1, TimeSpan.FromSeconds(10), "the healthy event's effect");
            (await database.ScalarAsync<bool>("SELECT dead_at IS NULL FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id)).ShouldBeTrue();

            await Eventually.UntilAsync(
                () => database.ScalarAsync<bool>("SELECT dead_at IS NOT NULL FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id),
                dead => dead, TimeSpan.FromSeconds(20), "the failing message parked as dead");
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }

        (await database.ScalarAsync<int>("SELECT attempts FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id)).ShouldBe(MaxAttempts);
        (await database.ScalarAsync<string>("SELECT last_error FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id))
            .ShouldBe($"InvalidOperationException: thing {broken.ThingId} is broken");
        (await database.ScalarAsync<bool>("SELECT processed_at IS NULL FROM msgtest.inbox_messages WHERE message_id = $1", broken.Id)).ShouldBeTrue();
        // The outbox handed it over once and is done with it: the failures are the subscription's own.
        (await database.ScalarAsync<int>("SELECT attempts FROM msgtest.outbox_messages WHERE id = $1 AND processed_at IS NOT NULL", broken.Id)).ShouldBe(0);

        // Each retry waited at least its back-off, and the waits grew (100, 200, 400 ms).
        var attempts = FailOnThingBroke.Attempts[broken.Id].ToArray();
        attempts.Length.ShouldBe(MaxAttempts);
        var waits = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToArray();
        for (var i = 0; i < waits.Length; i++)
        {
            waits[i].ShouldBeGreaterThanOrEqualTo(options.RetryDelay(i + 1) - TimeSpan.FromMilliseconds(15), $"wait before attempt {i + 2}");
            if (i > 0)
            {
                waits[i].ShouldBeGreaterThan(waits[i - 1], $"wait before attempt {i + 2} grows");
            }
        }

        var report = await health.CheckHealthAsync(r => r.Name == "messaging", ct);
        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["messaging"].Data[$"{TestDbContext.SchemaName}/test.fail-thing"].ShouldBe(1L);
    }
}
