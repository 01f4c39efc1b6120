using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Delivers one subscription's due messages from its inbox to its handler, with exactly-once effect: in one
/// transaction of the subscribing module's DbContext it claims a batch (<c>FOR UPDATE SKIP LOCKED</c>, so several
/// instances share the work), runs the handler for each message in arrival order, saves, and marks them processed.
/// If anything throws, the batch rolls back and its messages are delivered one by one, so that only the failing ones
/// are retried (with back-off, <see cref="MessagingOptions.RetryDelay"/>) and, after <c>MaxAttempts</c>, parked as
/// dead — each subscription with its own attempts and last error.
/// </summary>
public sealed class InboxDispatcher(
    IServiceScopeFactory scopes,
    SubscriptionRegistry subscriptions,
    IOptions<MessagingOptions> options,
    MessagingMetrics metrics,
    TimeProvider clock,
    ILogger<InboxDispatcher> logger)
{
    private MessagingOptions Settings => options.Value;

    /// <summary>Delivers up to one batch of <paramref name="subscription"/>'s due messages; returns how many it handled (applied or failed).</summary>
    public async Task<int> DeliverDueAsync(Subscription subscription, CancellationToken cancellationToken) =>
        (await DeliverBatchAsync(subscription, cancellationToken)).Handled;

    /// <summary>
    /// Delivers up to one batch; also says whether more messages were due behind it (the claim looks one row further
    /// than the batch), so that a loop goes on at once only when there is more, and never claims an empty queue to find out.
    /// </summary>
    internal async Task<(int Handled, bool More)> DeliverBatchAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var schema = subscriptions.SchemaOf(subscription);
        var (batch, error, more) = await DeliverAsync(subscription, schema, only: null, cancellationToken);
        if (error is null)
        {
            return (batch.Count, more);
        }

        if (batch.Count == 1)
        {
            await RecordFailureAsync(subscription, schema, batch[0], error, cancellationToken);
            return (1, more);
        }

        foreach (var message in batch)
        {
            var (one, oneError, _) = await DeliverAsync(subscription, schema, message.Id, cancellationToken);
            if (oneError is not null && one.Count == 1)
            {
                await RecordFailureAsync(subscription, schema, one[0], oneError, cancellationToken);
            }
        }

        return (batch.Count, more);
    }

    /// <summary>Delivers every due message of <paramref name="subscription"/> (batch after batch); returns how many it handled.</summary>
    public async Task<int> DeliverAllDueAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        var total = 0;
        bool more;
        do
        {
            (var handled, more) = await DeliverBatchAsync(subscription, cancellationToken);
            total += handled;
        }
        while (more && !cancellationToken.IsCancellationRequested);

        return total;
    }

    /// <summary>How many messages of <paramref name="subscription"/> one transaction applies at most.</summary>
    public int BatchSizeOf(Subscription subscription) => subscription.BatchSize ?? Settings.BatchSize;

    private async Task<(IReadOnlyList<Due> Batch, Exception? Error, bool More)> DeliverAsync(
        Subscription subscription, string schema, Guid? only, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(subscription.ContextType);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var now = clock.GetUtcNow();

        var batch = new List<Due>();
        // Due rows in (due time, arrival) order: exactly the order of ix_inbox_messages_pending, so a claim reads no more
        // rows than it takes. Events are all due at the epoch, so among them this is arrival order. One row more than the
        // batch is claimed, only to learn that more are due: it stays locked (other instances skip it) until this commits.
        await using (var claim = new NpgsqlCommand(
            only is null
                ? $"""
                  SELECT message_id, payload::text, attempts FROM "{schema}".{MessagingModel.InboxTable}
                  WHERE handler = @handler AND processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
                  ORDER BY next_attempt_at, sequence
                  LIMIT @batch
                  FOR UPDATE SKIP LOCKED
                  """
                : $"""
                  SELECT message_id, payload::text, attempts FROM "{schema}".{MessagingModel.InboxTable}
                  WHERE handler = @handler AND message_id = @only AND processed_at IS NULL AND dead_at IS NULL AND next_attempt_at <= @now
                  FOR UPDATE SKIP LOCKED
                  """,
            connection, npgsqlTransaction))
        {
            claim.Parameters.AddWithValue("handler", subscription.Name);
            claim.Parameters.AddWithValue("now", now);
            claim.Parameters.AddWithValue("batch", BatchSizeOf(subscription) + 1);
            if (only is { } id)
            {
                claim.Parameters.AddWithValue("only", id);
            }

            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Add(new Due(reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2)));
            }
        }

        var more = batch.Count > BatchSizeOf(subscription);
        if (more)
        {
            batch.RemoveAt(batch.Count - 1);
        }

        if (batch.Count == 0)
        {
            return (batch, null, false);
        }

        try
        {
            var handler = scope.ServiceProvider.GetRequiredService(subscription.HandlerType);
            foreach (var message in batch)
            {
                var payload = message.Payload ?? throw new InvalidOperationException($"Inbox message {message.Id} has no payload.");
                await subscription.Invoke(handler, MessageSerializer.Deserialize(payload, subscription.MessageType), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await using (var done = new NpgsqlCommand(
                $"""
                UPDATE "{schema}".{MessagingModel.InboxTable} SET processed_at = @now, last_error = NULL
                WHERE handler = @handler AND message_id = ANY(@ids)
                """, connection, npgsqlTransaction))
            {
                done.Parameters.AddWithValue("now", clock.GetUtcNow());
                done.Parameters.AddWithValue("handler", subscription.Name);
                done.Parameters.AddWithValue("ids", batch.Select(m => m.Id).ToArray());
                await done.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            metrics.Delivered.Add(batch.Count, Tags(subscription, schema));
            return (batch, null, more);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return (batch, ex, more);
        }
    }

    private async Task RecordFailureAsync(Subscription subscription, string schema, Due message, Exception error, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        var dead = attempts >= Settings.MaxAttempts;
        var delay = Settings.RetryDelay(attempts);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<ShopDataSource>();
        await using var failed = data.Value.CreateCommand(
            $"""
            UPDATE "{schema}".{MessagingModel.InboxTable}
            SET attempts = @attempts, last_error = @error, next_attempt_at = @next, dead_at = CASE WHEN @dead THEN @now END
            WHERE handler = @handler AND message_id = @id AND processed_at IS NULL
            """);
        failed.Parameters.AddWithValue("attempts", attempts);
        failed.Parameters.AddWithValue("error", Failures.Describe(error));
        failed.Parameters.AddWithValue("next", now + delay);
        failed.Parameters.AddWithValue("now", now);
        failed.Parameters.AddWithValue("dead", dead);
        failed.Parameters.AddWithValue("handler", subscription.Name);
        failed.Parameters.AddWithValue("id", message.Id);
        await failed.ExecuteNonQueryAsync(cancellationToken);
        var tags = Tags(subscription, schema);
        if (dead)
        {
            metrics.Dead.Add(1, tags);
            logger.LogError(error, "Message {MessageId} for subscription {Subscription} ({Schema}) parked as dead after {Attempts} attempts",
                message.Id, subscription.Name, schema, attempts);
        }
        else if (error is MessageNotReadyException)
        {
            // Expected and soon resolved: not a failure to alert anyone about.
            logger.LogDebug("Message {MessageId} for subscription {Subscription} ({Schema}) is not ready yet (attempt {Attempts}): {Reason}; retrying in {Delay}",
                message.Id, subscription.Name, schema, attempts, error.Message, delay);
        }
        else
        {
            metrics.Failed.Add(1, tags);
            logger.LogWarning(error, "Message {MessageId} for subscription {Subscription} ({Schema}) failed (attempt {Attempts}); retrying in {Delay}",
                message.Id, subscription.Name, schema, attempts, delay);
        }
    }

    private static KeyValuePair<string, object?>[] Tags(Subscription subscription, string schema) =>
        [new("module", schema), new("subscription", subscription.Name)];

    private sealed record Due(Guid Id, string? Payload, int Attempts);
}
