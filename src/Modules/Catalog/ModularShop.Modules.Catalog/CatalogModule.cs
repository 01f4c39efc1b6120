using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Features.Stock;
using ModularShop.Modules.Catalog.Persistence;
using ModularShop.Modules.Catalog.PublicApi;
using ModularShop.Modules.Catalog.Seeding;

namespace ModularShop.Modules.Catalog;

/// <summary>Products, variants, categories, images and stock: the shop's catalog.</summary>
public sealed class CatalogModule : IModule
{
    public const string ModuleName = "Catalog";
    public const string SchemaName = "catalog";

    /// <summary>Output-cache policy of anonymous catalog reads, and the tag evicted by every catalog change.</summary>
    public const string CachePolicy = "catalog";
    public const string CacheTag = "catalog";

    /// <summary>Upper bound on how stale another host instance's cached catalog page may be.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CatalogDbContext>(configuration, SchemaName);
        services.AddScoped<ICatalogApi, CatalogApi>();
        services.AddScoped<Features.Products.ProductWriter>();
        services.AddScoped<StockLevels>();
        services.AddScoped<StockReservations>();
        // One expiry per transaction: each locks its reservation, then products and variants in order, and a batch would
        // hold several reservations' locks in arrival order (crossing a checkout's release or reserve).
        services.AddSubscriptions<CatalogDbContext>(s => s.HandleScheduled<ReservationExpiry, ReleaseReservationWhenExpired>(batchSize: 1));
        services.AddOptions<DemoSeedOptions>().BindConfiguration(DemoSeedOptions.Section);
        services.AddScoped<IStartupTask, DemoCatalogSeeder>();
        services.AddOutputCache(options => options.AddPolicy(CachePolicy, policy => policy
            .Expire(CacheLifetime)
            .SetVaryByQuery("*")
            .Tag(CacheTag)
            // A product's ETag (its version) does not move with its stock: never answer 304 for a stale stock figure.
            .AddPolicy<WholeResponsesPolicy>()));
    }
}
