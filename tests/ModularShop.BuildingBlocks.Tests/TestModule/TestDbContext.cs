using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Tests.TestModule;

/// <summary>The test module's DbContext: its own schema, two effect tables, and (from the base) an outbox and an inbox.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "msgtest";

    public override string Schema => SchemaName;

    public DbSet<Counter> Counters => Set<Counter>();

    public DbSet<Thing> Things => Set<Thing>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Counter>(counter =>
        {
            counter.HasKey(c => c.Id);
            counter.Property(c => c.Relay).HasMaxLength(50);
        });
        modelBuilder.Entity<Thing>(thing =>
        {
            thing.HasKey(t => t.Id);
            thing.Property(t => t.Name).HasMaxLength(200);
        });
    }
}

/// <summary>How many times <see cref="ThingCounted"/> was applied for one id, and by which relay (its service provider).</summary>
public sealed class Counter
{
    public Guid Id { get; set; }

    public int Value { get; set; }

    public string Relay { get; set; } = string.Empty;
}

/// <summary>A versioned aggregate's projection: the name of the newest version applied.</summary>
public sealed class Thing
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public long Version { get; set; }
}
