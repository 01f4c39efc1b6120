using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Tests.TestModule;
using Shouldly;
using Xunit;

namespace ModularShop.BuildingBlocks.Tests.Messaging;

/// <summary>Durable "deliver this at time T", driven by <see cref="TimeProvider"/>: once, after restarts, on any instance.</summary>
public sealed class ScheduledMessageTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>
{
    [Fact]
    public async Task A_scheduled_message_is_handled_once_when_the_hosts_clock_reaches_its_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = database.CreateServices("host", clock: clock);
        var pump = services.GetRequiredService<MessagePump>();
        var due = new ThingDue(Guid.NewGuid());

        await MessagingDatabase.ScheduleAsync(services, clock.GetUtcNow().AddMinutes(15), due);

        (await pump.DeliverDueAsync(ct)).ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        (await pump.DeliverDueAsync(ct)).ShouldBe(0);
        (await database.CounterAsync(due.ThingId)).ShouldBe(0);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await pump.DeliverDueAsync(ct)).ShouldBe(1);
        (await pump.DeliverDueAsync(ct)).ShouldBe(0);

        (await database.CounterAsync(due.ThingId)).ShouldBe(1);
        (await database.ScalarAsync<string>("SELECT handler FROM msgtest.inbox_messages WHERE message_id = $1", due.Id)).ShouldBe("test.thing-due");
    }

    [Fact]
    public async Task A_scheduled_message_survives_a_restart_and_the_next_host_handles_it_once_due()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = DateTimeOffset.UtcNow;
        var before = database.CreateServices("before-restart", clock: new FakeTimeProvider(start));
        var due = new ThingDue(Guid.NewGuid());
        await MessagingDatabase.ScheduleAsync(before, start.AddMinutes(30), due);
        await before.DisposeAsync();

        // The host comes back 31 minutes later (its clock says so); its pump finds the due message by polling.
        var after = database.CreateServices("after-restart", clock: new FakeTimeProvider(start.AddMinutes(31)));
        var pump = after.GetRequiredService<MessagePump>();
        await pump.StartAsync(ct);
        try
        {
            await Eventually.UntilAsync(() => database.CounterAsync(due.ThingId), v => v == 1, TimeSpan.FromSeconds(10), "the scheduled message handled after the restart");
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }

        (await database.ScalarAsync<string>("SELECT relay FROM msgtest.counters WHERE id = $1", due.ThingId)).ShouldBe("after-restart");
        (await pump.DeliverDueAsync(ct)).ShouldBe(0);
        (await database.CounterAsync(due.ThingId)).ShouldBe(1);
    }

    [Fact]
    public async Task Two_running_instances_handle_each_due_message_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Messaging:BatchSize"] = "5" };
        var pumps = new[]
        {
            database.CreateServices("instance-a", settings, clock: clock).GetRequiredService<MessagePump>(),
            database.CreateServices("instance-b", settings, clock: clock).GetRequiredService<MessagePump>(),
        };
        var messages = Enumerable.Range(0, 100).Select(_ => new ThingDue(Guid.NewGuid())).ToArray();
        var ids = messages.Select(m => m.ThingId).ToArray();
        await MessagingDatabase.ScheduleAsync(database.CreateServices("scheduler", clock: clock), clock.GetUtcNow().AddSeconds(10), messages);
        foreach (var pump in pumps)
        {
            await pump.StartAsync(ct);
        }

        try
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Eventually.UntilAsync(
                () => database.ScalarAsync<long>("SELECT coalesce(sum(value), 0) FROM msgtest.counters WHERE id = ANY($1)", ids),
                n => n >= 100, TimeSpan.FromSeconds(20), "every scheduled message handled");
        }
        finally
        {
            foreach (var pump in pumps)
            {
                await pump.StopAsync(CancellationToken.None);
            }
        }

        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.counters WHERE id = ANY($1)", ids)).ShouldBe(100);
        (await database.ScalarAsync<int>("SELECT max(value) FROM msgtest.counters WHERE id = ANY($1)", ids)).ShouldBe(1);
    }

    [Fact]
    public async Task Scheduling_a_message_nobody_handles_fails_instead_of_waiting_forever()
    {
        var services = database.CreateServices("host", subscribe: s => s.Subscribe<ThingCounted, CountThingOnThingCounted>("test.count-thing"));

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            MessagingDatabase.ScheduleAsync(services, DateTimeOffset.UtcNow.AddMinutes(1), new ThingDue(Guid.NewGuid())));

        error.Message.ShouldContain("test.thing-due");
    }

    [Fact]
    public async Task Pending_messages_of_a_subscription_the_host_does_not_have_make_it_degraded()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("host", fullInfrastructure: true);
        var health = services.GetRequiredService<HealthCheckService>();
        (await health.CheckHealthAsync(r => r.Name == "messaging", ct)).Status.ShouldBe(HealthStatus.Healthy);

        // A subscription renamed or removed by a later version: its queue is orphaned.
        await database.ExecuteAsync(
            "INSERT INTO msgtest.inbox_messages (message_id, handler, type, payload, received_at, next_attempt_at) VALUES ($1, 'test.gone', 'test.thing-counted.v1', '{}', now(), now())",
            Guid.NewGuid());

        var report = await health.CheckHealthAsync(r => r.Name == "messaging", ct);
        report.Status.ShouldBe(HealthStatus.Degraded);
        report.Entries["messaging"].Data.Keys.ShouldContain($"{TestDbContext.SchemaName}/test.gone (no subscription)");
        await database.ExecuteAsync("DELETE FROM msgtest.inbox_messages WHERE handler = 'test.gone'");
    }

    [Fact]
    public async Task A_schedule_in_a_rolled_back_transaction_schedules_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = database.CreateServices("host");
        var due = new ThingDue(Guid.NewGuid());

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Schedule(due, DateTimeOffset.UtcNow.AddSeconds(-1));
            await db.SaveChangesAsync(ct);
            await transaction.RollbackAsync(ct);
        }

        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = $1", due.Id)).ShouldBe(0);
        await services.GetRequiredService<MessagePump>().DeliverDueAsync(ct);
        (await database.CounterAsync(due.ThingId)).ShouldBe(0);
    }

    [Fact]
    public async Task Delivered_messages_are_cleaned_up_when_the_hosts_clock_says_they_are_old()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = database.CreateServices("host", clock: clock);
        var pump = services.GetRequiredService<MessagePump>();
        var integrationEvent = new ThingCounted(Guid.NewGuid());
        await MessagingDatabase.PublishAsync(services, integrationEvent);
        await pump.DeliverDueAsync(ct);
        (await database.ScalarAsync<long>("SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = $1", integrationEvent.Id)).ShouldBe(1);

        // Nothing on the wall clock has passed; the host's clock says 15 days (> Retention 7 d and InboxRetention 14 d).
        clock.Advance(TimeSpan.FromDays(15));
        await pump.StartAsync(ct);
        try
        {
            await Eventually.UntilAsync(
                () => database.ScalarAsync<long>(
                    "SELECT (SELECT count(*) FROM msgtest.outbox_messages WHERE id = $1) + (SELECT count(*) FROM msgtest.inbox_messages WHERE message_id = $1)",
                    integrationEvent.Id),
                n => n == 0, TimeSpan.FromSeconds(10), "the delivered rows cleaned up");
        }
        finally
        {
            await pump.StopAsync(CancellationToken.None);
        }
    }
}
