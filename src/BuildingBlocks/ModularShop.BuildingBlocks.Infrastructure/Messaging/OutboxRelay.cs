using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// The one relay for every module's outbox. It claims batches of pending messages with
/// <c>FOR UPDATE SKIP LOCKED</c> (so any number of host instances can relay side by side), hands each to
/// every subscription through the <see cref="InboxDispatcher"/>, marks it delivered in the same transaction
/// as the claim, and retries failures with exponential back-off until it parks them as dead. It wakes at
/// once on <c>NOTIFY</c> and polls as the fallback.
/// </summary>
public sealed class OutboxRelay(
    ShopDataSource dataSource,
    IEnumerable<MigratableContext> modules,
    SubscriptionRegistry subscriptions,
    InboxDispatcher dispatcher,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly string[] _schemas = modules.Where(m => m.HasMessaging).Select(m => m.Schema).Distinct().ToArray();
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    private MessagingOptions Settings => options.Value;

    /// <summary>Delivers everything that is due now, in every module; returns how many messages were handled.</summary>
    public async Task<int> RelayDueAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var schema in _schemas)
        {
            int claimed;
            do
            {
                claimed = await RelayBatchAsync(schema, cancellationToken);
                total += claimed;
            }
            while (claimed == Settings.BatchSize && !cancellationToken.IsCancellationRequested);
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.RelayEnabled)
        {
            logger.LogInformation("Outbox relay disabled in this instance (Messaging:RelayEnabled=false)");
            return;
        }

        NpgsqlConnection? listener = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    listener ??= await ListenAsync(stoppingToken);
                    await RelayDueAsync(stoppingToken);
                    await CleanUpIfDueAsync(stoppingToken);
                    // Returns early when a NOTIFY arrives (also one that came while we were relaying).
                    await listener.WaitAsync(Settings.PollInterval, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is NpgsqlException or TimeoutException or InvalidOperationException)
                {
                    logger.LogWarning(ex, "Outbox relay: database error; retrying in {Delay}", Settings.PollInterval);
                    if (listener is not null)
                    {
                        await listener.DisposeAsync();
                        listener = null;
                    }

                    await Task.Delay(Settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
        await using var listen = new NpgsqlCommand($"LISTEN {OutboxSignal.Channel}", connection);
        await listen.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task<int> RelayBatchAsync(string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<(Guid Id, string Type, string Payload, int Attempts)>();
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT id, type, payload::text, attempts FROM "{schema}".{MessagingModel.OutboxTable}
            WHERE processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= clock_timestamp()
            ORDER BY next_attempt_at, sequence
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.AddWithValue("batch", Settings.BatchSize);
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        // One subscriber transaction per (subscription, batch) instead of one per (subscription, message);
        // when a batch fails, its messages are delivered one by one so that only the failing ones are retried.
        var failures = new Dictionary<Guid, Exception>();
        foreach (var group in batch.GroupBy(m => m.Type, StringComparer.Ordinal))
        {
            var messages = group.Select(m => (m.Id, m.Payload)).ToList();
            foreach (var subscription in subscriptions.For(group.Key))
            {
                try
                {
                    await dispatcher.DispatchBatchAsync(messages, subscription, cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested && messages.Count > 1)
                {
                    foreach (var message in messages)
                    {
                        try
                        {
                            await dispatcher.DispatchAsync(message.Id, message.Payload, subscription, cancellationToken);
                        }
                        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                        {
                            failures.TryAdd(message.Id, ex);
                        }
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failures.TryAdd(messages[0].Id, ex);
                }
            }
        }

        var delivered = new List<Guid>(batch.Count);
        foreach (var message in batch)
        {
            if (failures.TryGetValue(message.Id, out var error))
            {
                await RecordFailureAsync(connection, transaction, schema, message.Id, message.Type, message.Attempts + 1, error, cancellationToken);
            }
            else
            {
                delivered.Add(message.Id);
            }
        }

        if (delivered.Count > 0)
        {
            await using var done = new NpgsqlCommand(
                $"UPDATE \"{schema}\".{MessagingModel.OutboxTable} SET processed_at = clock_timestamp(), last_error = NULL WHERE id = ANY(@ids)",
                connection, transaction);
            done.Parameters.AddWithValue("ids", delivered.ToArray());
            await done.ExecuteNonQueryAsync(cancellationToken);
            metrics.Delivered.Add(delivered.Count, new KeyValuePair<string, object?>("module", schema));
        }

        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    private async Task RecordFailureAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, Guid id, string type, int attempts, Exception error, CancellationToken cancellationToken)
    {
        var dead = attempts >= Settings.MaxAttempts;
        var delay = Settings.RetryDelay(attempts);
        await using var failed = new NpgsqlCommand(
            $"""
            UPDATE "{schema}".{MessagingModel.OutboxTable}
            SET attempts = @attempts, last_error = @error, next_attempt_at = clock_timestamp() + @delay,
                dead_at = CASE WHEN @dead THEN clock_timestamp() END
            WHERE id = @id
            """, connection, transaction);
        failed.Parameters.AddWithValue("attempts", attempts);
        failed.Parameters.AddWithValue("error", Truncate($"{error.GetType().Name}: {error.Message}", 4000));
        failed.Parameters.AddWithValue("delay", delay);
        failed.Parameters.AddWithValue("dead", dead);
        failed.Parameters.AddWithValue("id", id);
        await failed.ExecuteNonQueryAsync(cancellationToken);
        var module = new KeyValuePair<string, object?>("module", schema);
        if (dead)
        {
            metrics.Dead.Add(1, module);
            logger.LogError(error, "Outbox message {MessageId} ({Type}) of {Schema} parked as dead after {Attempts} attempts", id, type, schema, attempts);
        }
        else
        {
            metrics.Failed.Add(1, module);
            logger.LogWarning(error, "Outbox message {MessageId} ({Type}) of {Schema} failed (attempt {Attempts}); retrying in {Delay}", id, type, schema, attempts, delay);
        }
    }

    private async Task CleanUpIfDueAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (now < _nextCleanup)
        {
            return;
        }

        _nextCleanup = now + TimeSpan.FromMinutes(10);
        await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
        foreach (var schema in _schemas)
        {
            await using var cleanup = new NpgsqlCommand(
                $"""
                DELETE FROM "{schema}".{MessagingModel.OutboxTable} WHERE processed_at < clock_timestamp() - @retention;
                DELETE FROM "{schema}".{MessagingModel.InboxTable} WHERE processed_at < clock_timestamp() - @inboxRetention;
                """, connection);
            cleanup.Parameters.AddWithValue("retention", Settings.Retention);
            cleanup.Parameters.AddWithValue("inboxRetention", Settings.InboxRetention);
            await cleanup.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Fits <c>last_error</c>, without NUL characters (PostgreSQL text cannot hold them: the update would fail).</summary>
    private static string Truncate(string text, int length)
    {
        text = text.Replace("\0", string.Empty, StringComparison.Ordinal);
        return text.Length <= length ? text : text[..length];
    }
}

/// <summary>Counters of the relay (meter <c>ModularShop.Messaging</c>), tagged by module schema.</summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "ModularShop.Messaging";

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Delivered = meter.CreateCounter<long>("modularshop.outbox.delivered", description: "Outbox messages delivered to every subscriber");
        Failed = meter.CreateCounter<long>("modularshop.outbox.failed", description: "Delivery attempts that failed and will be retried");
        Dead = meter.CreateCounter<long>("modularshop.outbox.dead", description: "Outbox messages parked as dead after the last attempt");
    }

    public Counter<long> Delivered { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Dead { get; }
}

/// <summary>The host's one <see cref="NpgsqlDataSource"/> for infrastructure that talks to PostgreSQL directly.</summary>
public sealed class ShopDataSource(string connectionString) : IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource = new(() => NpgsqlDataSource.Create(connectionString));

    public NpgsqlDataSource Value => _dataSource.Value;

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }
}
