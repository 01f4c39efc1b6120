using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Runs the messaging pipeline in a host instance (<c>Messaging:RelayEnabled</c>): one loop relays the outboxes into
/// the subscriptions' inboxes (<see cref="OutboxRelay"/>), and <b>one loop per subscription</b> delivers that
/// subscription's due messages (<see cref="InboxDispatcher"/>) — so a subscriber that is slow or keeps failing holds up
/// only its own queue. Loops wake on <c>LISTEN/NOTIFY</c> and in-process signals and poll every
/// <c>Messaging:PollInterval</c> as the fallback (which is also when scheduled messages that became due are found).
/// Delivered rows are cleaned up every 10 minutes. Every "now" comes from <see cref="TimeProvider"/>.
/// </summary>
public sealed class MessagePump(
    ShopDataSource dataSource,
    OutboxRelay relay,
    InboxDispatcher dispatcher,
    SubscriptionRegistry subscriptions,
    MessagingSignals signals,
    IEnumerable<MigratableContext> modules,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<MessagePump> logger) : BackgroundService
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    private readonly MessagingSignals _signals = signals;
    private readonly string[] _schemas = modules.Select(m => m.Schema).Distinct().ToArray();
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    private MessagingOptions Settings => options.Value;

    /// <summary>
    /// Relays and delivers everything that is due now, synchronously (tests, tools): outboxes into inboxes, then every
    /// subscription's due messages, until nothing is left. Returns how many messages were handled.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int round;
        do
        {
            round = await relay.RelayDueAsync(cancellationToken);
            foreach (var subscription in subscriptions.All)
            {
                round += await dispatcher.DeliverAllDueAsync(subscription, cancellationToken);
            }

            total += round;
        }
        while (round > 0 && !cancellationToken.IsCancellationRequested);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.RelayEnabled)
        {
            logger.LogInformation("Messaging disabled in this instance (Messaging:RelayEnabled=false)");
            return;
        }

        var loops = new List<Task>
        {
            Task.Run(() => ListenAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => RelayLoopAsync(stoppingToken), CancellationToken.None),
        };
        loops.AddRange(subscriptions.All.Select(s => Task.Run(() => SubscriptionLoopAsync(s, stoppingToken), CancellationToken.None)));
        await Task.WhenAll(loops);
    }

    private Task RelayLoopAsync(CancellationToken stoppingToken)
    {
        // A round woken by a commit looks only at the outboxes that commit published to. The first round, every polling
        // round (no wake-up within PollInterval) and, under a steady stream of wake-ups, at least one round per
        // PollInterval look at every outbox: messages waiting for a retry are due without anyone waking the relay.
        var everyOutbox = true;
        var lastEveryOutbox = 0L;
        return LoopAsync("outbox relay", async () =>
        {
            var woken = _signals.TakeWokenOutboxes();
            var every = everyOutbox || Stopwatch.GetElapsedTime(lastEveryOutbox) >= Settings.PollInterval;
            try
            {
                await relay.RelayDueAsync(every ? null : woken, stoppingToken);
            }
            catch
            {
                everyOutbox = true; // what was woken must not be forgotten
                throw;
            }

            if (every)
            {
                lastEveryOutbox = Stopwatch.GetTimestamp();
            }

            everyOutbox = false;
            await CleanUpIfDueAsync(stoppingToken);
            return false;
        }, async () => everyOutbox = !await _signals.WaitForRelayAsync(Settings.PollInterval, stoppingToken), stoppingToken);
    }

    private Task SubscriptionLoopAsync(Subscription subscription, CancellationToken stoppingToken) =>
        LoopAsync($"subscription {subscription.Name}", async () =>
                (await dispatcher.DeliverBatchAsync(subscription, stoppingToken)).More,
            () => _signals.WaitForInboxAsync(subscription, Settings.PollInterval, stoppingToken), stoppingToken);

    /// <summary>Runs <paramref name="work"/> until stopped; waits between rounds unless a round says more is waiting. Never dies on an error.</summary>
    private async Task LoopAsync(string name, Func<Task<bool>> work, Func<Task> wait, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await work())
                {
                    await wait();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Messaging: {Loop} failed; retrying in {Delay}", name, Settings.PollInterval);
                try
                {
                    await Task.Delay(Settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>LISTENs for commits of other connections and instances (outbox writes, inbox fan-outs) and turns them into signals.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenListenerAsync(stoppingToken);
                connection.Notification += (_, e) => _signals.Wake(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {MessagingSignals.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Anything committed while nobody listened is found by this round over every outbox and inbox.
                foreach (var schema in _schemas)
                {
                    _signals.WakeRelay(schema);
                    _signals.WakeInbox(schema);
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Messaging: LISTEN connection lost; reconnecting in {Delay} (polling goes on meanwhile)", Settings.PollInterval);
                try
                {
                    await Task.Delay(Settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task CleanUpIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + CleanupInterval;
        await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
        foreach (var schema in _schemas)
        {
            await using var cleanup = new NpgsqlCommand(
                $"""
                DELETE FROM "{schema}".{MessagingModel.OutboxTable} WHERE processed_at < @outboxBefore;
                DELETE FROM "{schema}".{MessagingModel.InboxTable} WHERE processed_at < @inboxBefore;
                """, connection);
            cleanup.Parameters.AddWithValue("outboxBefore", now - Settings.Retention);
            cleanup.Parameters.AddWithValue("inboxBefore", now - Settings.InboxRetention);
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
