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
    public const string Table = IdempotencyModel.Table;

    public DbSet<IdempotencyRecord> Keys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(SchemaName);
        modelBuilder.MapIdempotency();
    }
}

internal sealed class IdempotencyDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<IdempotencyDbContext>
{
    protected override string Schema => IdempotencyDbContext.SchemaName;

    protected override IdempotencyDbContext Create(DbContextOptions<IdempotencyDbContext> options) => new(options);
}
