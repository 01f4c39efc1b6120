using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Checkout.Domain;

namespace ModularShop.Modules.Checkout.Persistence;

internal sealed class CheckoutDbContext(DbContextOptions<CheckoutDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => CheckoutModule.SchemaName;

    public DbSet<CheckoutProcess> Checkouts => Set<CheckoutProcess>();
}

internal sealed class CheckoutDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<CheckoutDbContext>
{
    protected override string Schema => CheckoutModule.SchemaName;

    protected override CheckoutDbContext Create(DbContextOptions<CheckoutDbContext> options) => new(options);
}
