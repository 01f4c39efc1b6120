using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ModularShop.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Design-time factory for <c>dotnet ef</c>: reads <c>ConnectionStrings__Shop</c> or falls back to a local
/// default (migrations are generated without connecting).
/// </summary>
public abstract class ModuleDesignTimeDbContextFactory<TContext> : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    protected abstract string Schema { get; }

    protected abstract TContext Create(DbContextOptions<TContext> options);

    public TContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Shop")
            ?? "Host=localhost;Database=modularshop_design;Username=postgres";
        var builder = new DbContextOptionsBuilder<TContext>();
        ModuleDbContextRegistration.Configure(builder, connectionString, Schema);
        return Create(builder.Options);
    }
}
