using Microsoft.EntityFrameworkCore;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

internal static class IdempotencyModel
{
    public const string Table = "idempotency_keys";

    /// <summary>
    /// Every module schema gets an <c>idempotency_keys</c> table, so that an idempotent endpoint records its response
    /// in the same transaction as its effect (<c>WithIdempotency&lt;TContext&gt;()</c>).
    /// </summary>
    public static void MapIdempotency(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable(Table);
            e.HasKey(r => new { r.Scope, r.Key });
            e.Property(r => r.Scope).HasMaxLength(200);
            e.Property(r => r.Key).HasMaxLength(BuildingBlocks.Web.Http.Idempotency.MaxKeyLength);
            e.Property(r => r.Fingerprint).HasMaxLength(32);
            e.Property(r => r.ContentType).HasMaxLength(200);
            e.Property(r => r.Location).HasMaxLength(2048);
            e.Property(r => r.ETag).HasColumnName("etag").HasMaxLength(200);
            e.HasIndex(r => r.ExpiresAt);
        });
}
