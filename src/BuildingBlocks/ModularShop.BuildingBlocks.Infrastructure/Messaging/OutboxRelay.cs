using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Moves every module's published events from its outbox into the inbox of each subscription (in the subscribing
/// module's schema), once per (message, subscription). It claims batches with <c>FOR UPDATE SKIP LOCKED</c> (any
/// number of host instances can relay side by side), inserts the inbox rows (<c>ON CONFLICT DO NOTHING</c>: a relay
/// that crashed before marking a batch relayed does no harm) and marks the batch relayed, in one transaction. It runs
/// no handler code, so a slow or failing subscriber can hold up nothing here; delivery to handlers is the
/// <see cref="InboxDispatcher"/>'s, per subscription.
/// </summary>
public sealed class OutboxRelay(
    ShopDataSource dataSource,
    IEnumerable<MigratableContext> modules,
    SubscriptionRegistry subscriptions,
    MessagingSignals signals,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxRelay> logger)
{
    private readonly string[] _schemas = modules.Select(m => m.Schema).Distinct().ToArray();

    private MessagingOptions Settings => options.Value;

    /// <summary>Relays everything due now from every module's outbox; returns how many outbox messages were handled.</summary>
    public Task<int> RelayDueAsync(CancellationToken cancellationToken) => RelayDueAsync(schemas: null, cancellationToken);

    /// <summary>
    /// Relays everything due from the outboxes of <paramref name="schemas"/> (null: every module's) and wakes, in this
    /// instance, the subscriptions whose queues received messages (other instances: by <c>NOTIFY</c> at the commit).
    /// Returns how many outbox messages were handled.
    /// </summary>
    internal async Task<int> RelayDueAsync(IReadOnlyCollection<string>? schemas, CancellationToken cancellationToken)
    {
        var total = 0;
        var woken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas is null ? _schemas : _schemas.Where(schemas.Contains))
        {
            int claimed;
            do
            {
                claimed = await RelayBatchAsync(schema, woken, cancellationToken);
                total += claimed;
            }
            while (claimed == Settings.BatchSize && !cancellationToken.IsCancellationRequested);
        }

        foreach (var subscription in woken)
        {
            signals.WakeSubscription(subscription);
        }

        return total;
    }

    private async Task<int> RelayBatchAsync(string schema, HashSet<string> woken, CancellationToken cancellationToken)
    {
        var batch = new List<Pending>();
        await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var claim = new NpgsqlCommand(
                $"""
                SELECT id, type, payload::text, attempts FROM "{schema}".{MessagingModel.OutboxTable}
                WHERE processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
                ORDER BY next_attempt_at, sequence
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
                """, connection, transaction))
            {
                claim.Parameters.AddWithValue("now", clock.GetUtcNow());
                claim.Parameters.AddWithValue("batch", Settings.BatchSize);
                await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    batch.Add(new Pending(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
                }
            }

            if (batch.Count == 0)
            {
                return 0;
            }

            try
            {
                var touched = await FanOutAsync(connection, transaction, batch, cancellationToken);
                await MarkRelayedAsync(connection, transaction, schema, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                woken.UnionWith(touched);
                metrics.Relayed.Add(batch.Count, new KeyValuePair<string, object?>("module", schema));
                return batch.Count;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(ex, "Outbox relay: a batch of {Count} messages of {Schema} failed; relaying them one by one", batch.Count, schema);
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }

        // One by one, so that only the messages that cannot be relayed (e.g. a subscriber's schema is missing) wait.
        foreach (var message in batch)
        {
            await RelayOneAsync(connection, schema, message, woken, cancellationToken);
        }

        return batch.Count;
    }

    private async Task RelayOneAsync(NpgsqlConnection connection, string schema, Pending message, HashSet<string> woken, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var relock = new NpgsqlCommand(
                $"""SELECT 1 FROM "{schema}".{MessagingModel.OutboxTable} WHERE id = @id AND processed_at IS NULL AND dead_at IS NULL FOR UPDATE SKIP LOCKED""",
                connection, transaction))
            {
                relock.Parameters.AddWithValue("id", message.Id);
                if (await relock.ExecuteScalarAsync(cancellationToken) is null)
                {
                    return; // another relay has it, or it is done
                }
            }

            var touched = await FanOutAsync(connection, transaction, [message], cancellationToken);
            await MarkRelayedAsync(connection, transaction, schema, [message], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            woken.UnionWith(touched);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is NpgsqlException or InvalidOperationException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await RecordFailureAsync(connection, schema, message, ex, cancellationToken);
        }
    }

    /// <summary>Inserts one inbox row per (message, subscription), grouped by subscribing schema; returns the subscriptions written to.</summary>
    private async Task<IReadOnlyList<string>> FanOutAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = batch
            .SelectMany(m => subscriptions.For(m.Type).Select(s => (Schema: subscriptions.SchemaOf(s), Subscription: s.Name, Message: m)))
            .GroupBy(r => r.Schema, StringComparer.Ordinal);
        var touched = new List<(string Schema, string Subscription)>();
        foreach (var inbox in rows)
        {
            var list = inbox.ToList();
            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO "{inbox.Key}".{MessagingModel.InboxTable} (message_id, handler, type, payload, received_at, next_attempt_at, attempts)
                SELECT u.message_id, u.handler, u.type, u.payload::jsonb, @now, @due, 0
                FROM unnest(@ids, @handlers, @types, @payloads) WITH ORDINALITY AS u(message_id, handler, type, payload, ord)
                ORDER BY u.ord
                ON CONFLICT (message_id, handler) DO NOTHING
                """,
                connection, transaction);
            insert.Parameters.AddWithValue("now", now);
            // Due at once, whatever the clocks of the publishing host or of this relay say.
            insert.Parameters.AddWithValue("due", DateTimeOffset.UnixEpoch);
            insert.Parameters.AddWithValue("ids", list.Select(r => r.Message.Id).ToArray());
            insert.Parameters.AddWithValue("handlers", list.Select(r => r.Subscription).ToArray());
            insert.Parameters.AddWithValue("types", list.Select(r => r.Message.Type).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = list.Select(r => r.Message.Payload).ToArray() });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            touched.AddRange(list.Select(r => (inbox.Key, r.Subscription)).Distinct());
        }

        if (touched.Count > 0)
        {
            // Wakes those subscriptions' loops in the other host instances when this transaction commits (this one's are
            // woken in-process after the commit).
            await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, payload) FROM unnest(@payloads) AS payload", connection, transaction);
            notify.Parameters.AddWithValue("channel", MessagingSignals.Channel);
            notify.Parameters.AddWithValue("payloads", touched.Select(t => signals.InboxPayload(t.Schema, t.Subscription)).ToArray());
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        return [.. touched.Select(t => t.Subscription)];
    }

    private async Task MarkRelayedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        await using var done = new NpgsqlCommand(
            $"UPDATE \"{schema}\".{MessagingModel.OutboxTable} SET processed_at = @now, last_error = NULL WHERE id = ANY(@ids)",
            connection, transaction);
        done.Parameters.AddWithValue("now", clock.GetUtcNow());
        done.Parameters.AddWithValue("ids", batch.Select(m => m.Id).ToArray());
        await done.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordFailureAsync(NpgsqlConnection connection, string schema, Pending message, Exception error, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var dead = attempts >= Settings.MaxAttempts;
        var delay = Settings.RetryDelay(attempts);
        var now = clock.GetUtcNow();
        await using var failed = new NpgsqlCommand(
            $"""
            UPDATE "{schema}".{MessagingModel.OutboxTable}
            SET attempts = @attempts, last_error = @error, next_attempt_at = @next, dead_at = CASE WHEN @dead THEN @now END
            WHERE id = @id
            """, connection);
        failed.Parameters.AddWithValue("attempts", attempts);
        failed.Parameters.AddWithValue("error", Failures.Describe(error));
        failed.Parameters.AddWithValue("next", now + delay);
        failed.Parameters.AddWithValue("now", now);
        failed.Parameters.AddWithValue("dead", dead);
        failed.Parameters.AddWithValue("id", message.Id);
        await failed.ExecuteNonQueryAsync(cancellationToken);
        if (dead)
        {
            logger.LogError(error, "Outbox message {MessageId} ({Type}) of {Schema} parked as dead after {Attempts} relay attempts", message.Id, message.Type, schema, attempts);
        }
        else
        {
            logger.LogWarning(error, "Outbox message {MessageId} ({Type}) of {Schema} could not be relayed (attempt {Attempts}); retrying in {Delay}", message.Id, message.Type, schema, attempts, delay);
        }
    }

    private sealed record Pending(Guid Id, string Type, string Payload, int Attempts);
}
