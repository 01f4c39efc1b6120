using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Idempotency;

/// <summary>
/// Owns schema <c>idempotency</c> (table <c>idempotency_keys</c>) and its migrations. Only the migrator and the
/// readiness check use it; the store itself talks raw Npgsql (one statement per claim, one per completion).
/// Not a <see cref="ModuleDbContext"/>: this schema has no outbox or inbox.
/// </summary>
internal sealed class IdempotencyDbContext(DbContextOptions<IdempotencyDbContext> options) : DbContext(options)
{
    public const string SchemaName = "idempotency";
    public const string Table = "idempotency_keys";

    public DbSet<IdempotencyRecord> Keys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(SchemaName);
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
}

/// <summary>One key: in flight while <see cref="CompletedAt"/> is null, then the stored response.</summary>
internal sealed class IdempotencyRecord
{
    public required string Scope { get; init; }

    public required string Key { get; init; }

    /// <summary>Which request holds the key; completion and release only touch their own claim.</summary>
    public Guid ClaimId { get; init; }

    public required byte[] Fingerprint { get; init; }

    public DateTimeOffset ClaimedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? Location { get; init; }

    public string? ETag { get; init; }

    public byte[]? Body { get; init; }
}

internal sealed class IdempotencyDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<IdempotencyDbContext>
{
    protected override string Schema => IdempotencyDbContext.SchemaName;

    protected override IdempotencyDbContext Create(DbContextOptions<IdempotencyDbContext> options) => new(options);
}
