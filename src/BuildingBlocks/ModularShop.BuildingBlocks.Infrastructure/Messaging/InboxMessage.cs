namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// One message for one subscription, in the subscribing module's <c>inbox_messages</c> table: the subscription's own
/// queue. The relay puts every published event there once per subscription (key <c>(message_id, handler)</c>, so a
/// redelivery is a no-op); a scheduled message is put there by its module with the time it is due. The dispatcher
/// applies it in the subscriber's transaction and marks it processed in that same transaction (exactly-once
/// effect). Failures are retried with back-off and parked as dead per subscription, visible in
/// <see cref="Attempts"/>, <see cref="LastError"/> and <see cref="DeadAt"/>.
/// </summary>
public sealed class InboxMessage
{
    private InboxMessage()
    {
        Handler = Type = string.Empty;
    }

    public Guid MessageId { get; private set; }

    /// <summary>The subscription's stable name (its inbox key), e.g. <c>cart.refresh-product-snapshots</c>.</summary>
    public string Handler { get; private set; }

    /// <summary>Arrival order within the inbox (identity): due messages of one subscription are applied in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The message's stable name (<c>[IntegrationEventName]</c> or <c>[ScheduledMessageName]</c>).</summary>
    public string Type { get; private set; }

    /// <summary>The message as JSON; null only on rows processed before inboxes held payloads.</summary>
    public string? Payload { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>When the message is due: at once for an event, its time for a scheduled message; later after a failure.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Set after <c>Messaging:MaxAttempts</c> failed attempts: parked for an operator, never dropped.</summary>
    public DateTimeOffset? DeadAt { get; private set; }

    internal static InboxMessage Scheduled(Guid id, string name, string payload, DateTimeOffset dueAt, DateTimeOffset now) => new()
    {
        MessageId = id,
        Handler = name,
        Type = name,
        Payload = payload,
        ReceivedAt = now,
        NextAttemptAt = dueAt,
    };
}
