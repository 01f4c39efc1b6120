using Microsoft.EntityFrameworkCore;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// An integration event waiting in (or delivered from) its publishing module's <c>outbox_messages</c> table.
/// Written in the same transaction as the change that raised it; the relay delivers it afterwards.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Type = Payload = string.Empty;
    }

    /// <summary>The event's id: consumers de-duplicate by it.</summary>
    public Guid Id { get; private set; }

    /// <summary>Commit order within the module (identity); the relay delivers in this order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event's stable name (<c>[IntegrationEventName]</c>), never a CLR type name.</summary>
    public string Type { get; private set; }

    /// <summary>The event as JSON.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Set when delivery failed <c>Messaging:MaxAttempts</c> times: parked, never silently dropped.</summary>
    public DateTimeOffset? DeadAt { get; private set; }

    internal static OutboxMessage Create(Guid id, string type, string payload, DateTimeOffset occurredAt) => new()
    {
        Id = id,
        Type = type,
        Payload = payload,
        OccurredAt = occurredAt,
        // Due at once. Not occurredAt: that is the publisher's clock (another host's, or a test's fake one),
        // and one running ahead would hold the message back until the database's clock caught up.
        NextAttemptAt = DateTimeOffset.UnixEpoch,
    };
}
