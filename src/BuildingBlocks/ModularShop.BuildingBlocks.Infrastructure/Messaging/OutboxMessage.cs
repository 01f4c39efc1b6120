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

/// <summary>A (message, handler) pair a subscribing module has already applied: a redelivery has no second effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public string Handler { get; set; } = string.Empty;

    public DateTimeOffset ProcessedAt { get; set; }
}

internal static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Every module schema gets an outbox and an inbox, so any module can publish and subscribe.</summary>
    public static void MapMessaging(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).ValueGeneratedNever();
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.LastError).HasMaxLength(4000);
            outbox.HasIndex(m => m.Sequence).IsUnique();
            // What the relay claims: pending messages in commit order.
            outbox.HasIndex(m => new { m.NextAttemptAt, m.Sequence })
                .HasFilter("processed_at IS NULL AND dead_at IS NULL")
                .HasDatabaseName("ix_outbox_messages_pending");
            outbox.HasIndex(m => m.ProcessedAt).HasFilter("processed_at IS NOT NULL");
            outbox.HasIndex(m => m.DeadAt).HasFilter("dead_at IS NOT NULL");
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Handler });
            inbox.Property(m => m.Handler).HasMaxLength(300);
            inbox.HasIndex(m => m.ProcessedAt);
        });
    }
}
