using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.ReadModel;

namespace ModularShop.Modules.Cart.Persistence;

internal sealed class CartDbContext(DbContextOptions<CartDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => CartModule.SchemaName;

    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();

    public DbSet<CartItem> Items => Set<CartItem>();

    public DbSet<ProductSnapshot> Products => Set<ProductSnapshot>();
}

internal sealed class CartDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<CartDbContext>
{
    protected override string Schema => CartModule.SchemaName;

    protected override CartDbContext Create(DbContextOptions<CartDbContext> options) => new(options);
}
