using Microsoft.EntityFrameworkCore;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

internal static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Every module schema gets an outbox and an inbox, so any module can publish, subscribe and schedule.</summary>
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
            inbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            inbox.Property(m => m.Type).HasMaxLength(200).HasDefaultValue(string.Empty);
            inbox.Property(m => m.Payload).HasColumnType("jsonb");
            inbox.Property(m => m.LastError).HasMaxLength(4000);
            inbox.Property(m => m.NextAttemptAt).HasDefaultValue(DateTimeOffset.UnixEpoch);
            inbox.Property(m => m.Attempts).HasDefaultValue(0);
            inbox.HasIndex(m => m.Sequence).IsUnique();
            // What a subscription's dispatcher claims: its pending messages that are due, in arrival order.
            inbox.HasIndex(m => new { m.Handler, m.NextAttemptAt, m.Sequence })
                .HasFilter("processed_at IS NULL AND dead_at IS NULL")
                .HasDatabaseName("ix_inbox_messages_pending");
            inbox.HasIndex(m => m.ProcessedAt).HasFilter("processed_at IS NOT NULL");
            inbox.HasIndex(m => m.DeadAt).HasFilter("dead_at IS NOT NULL");
        });
    }
}
