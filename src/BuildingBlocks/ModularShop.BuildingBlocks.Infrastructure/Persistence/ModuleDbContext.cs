using Microsoft.EntityFrameworkCore;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Base of every module's DbContext: everything it maps lives in the module's own schema, and so does its
/// migrations history (configured by <see cref="ModuleDbContextRegistration.AddModuleDbContext{TContext}"/>).
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The PostgreSQL schema this module owns.</summary>
    public abstract string Schema { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly, t => ConfigurationBelongsHere(t));
        base.OnModelCreating(modelBuilder);
    }

    /// <summary>Which <c>IEntityTypeConfiguration</c> types of the module's assembly this context applies.</summary>
    protected virtual bool ConfigurationBelongsHere(Type configurationType) => true;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money everywhere is numeric(12,2); strings have explicit lengths in configurations.
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
        base.ConfigureConventions(configurationBuilder);
    }
}
