using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.Modules.Storefront.Persistence;

/// <summary>
/// The storefront's schema holds only its messaging tables: the inbox of the catalog events that evict cached pages
/// (and an outbox it does not use yet). Sessions and cart ids live in cookies; everything else is other modules' data.
/// </summary>
internal sealed class StorefrontDbContext(DbContextOptions<StorefrontDbContext> options) : ModuleDbContext(options)
{
    public override string Schema => StorefrontModule.SchemaName;
}

internal sealed class StorefrontDesignTimeDbContextFactory : ModuleDesignTimeDbContextFactory<StorefrontDbContext>
{
    protected override string Schema => StorefrontModule.SchemaName;

    protected override StorefrontDbContext Create(DbContextOptions<StorefrontDbContext> options) => new(options);
}
