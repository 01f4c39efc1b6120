using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Domain.Stock;

namespace ModularShop.Modules.Catalog.Persistence;

internal sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => CatalogModule.SchemaName;

    public DbSet<Product> Products => Set<Product>();

    public DbSet<ProductVariant> Variants => Set<ProductVariant>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<Reservation> StockReservations => Set<Reservation>();
}

internal sealed class CatalogDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<CatalogDbContext>
{
    protected override string Schema => CatalogModule.SchemaName;

    protected override CatalogDbContext Create(DbContextOptions<CatalogDbContext> options) => new(options);
}
