using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Cart.Features.Carts;
using ModularShop.Modules.Cart.Features.Products;
using ModularShop.Modules.Cart.Housekeeping;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Modules.Cart.PublicApi;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Cart;

/// <summary>Shopping carts, anonymous and per user, priced at the catalog's current prices.</summary>
public sealed class CartModule : IModule
{
    public const string ModuleName = "Cart";
    public const string SchemaName = "cart";

    /// <summary>Rate-limiter policy of <c>POST /api/carts</c>: per client address without a token, per user with one.</summary>
    public const string CreateRateLimit = "cart-create";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CartDbContext>(configuration, SchemaName);
        services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section)
            .Validate(o => o.AnonymousCartLifetime > TimeSpan.Zero, "Cart:AnonymousCartLifetime must be positive.")
            .Validate(o => o.PurgeInterval >= TimeSpan.FromSeconds(1) && o.PurgeInterval <= CartOptions.MaxPurgeInterval, "Cart:PurgeInterval must be between 1 second and 30 days.")
            .Validate(
                o => o.CreateRateLimit.AnonymousPermitLimit >= 1 && o.CreateRateLimit.UserPermitLimit >= 1 && o.CreateRateLimit.Window > TimeSpan.Zero,
                "Cart:CreateRateLimit limits must be at least 1 and its Window positive.")
            .ValidateOnStart();
        services.AddRateLimiter(o => o.AddPolicy(CreateRateLimit, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<CartOptions>>().Value.CreateRateLimit;
            return context.RequestServices.GetRequiredService<ICurrentUser>().UserId is { } userId
                ? RateLimitPartition.GetFixedWindowLimiter($"user:{userId:N}", _ => Window(limits.UserPermitLimit, limits.Window))
                : RateLimitPartition.GetFixedWindowLimiter($"client:{RateLimitingSetup.ClientAddress(context)}", _ => Window(limits.AnonymousPermitLimit, limits.Window));
        }));
        services.AddScoped<CartStore>();
        services.AddScoped<ICartApi, CartApi>();
        services.AddSubscriptions<CartDbContext>(s => s
            // One event per transaction: each takes its product's advisory lock, and a batch would hold several in an
            // order of arrival that the other subscription (or another instance) could cross.
            .Subscribe<ProductUpdatedIntegrationEvent, RefreshProductOnProductUpdated>("cart.refresh-product-snapshots", batchSize: 1)
            .Subscribe<StockChangedIntegrationEvent, RefreshStockOnStockChanged>("cart.refresh-stock", batchSize: 1));
        services.AddSingleton<AbandonedCartPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<AbandonedCartPurge>());
    }

    private static FixedWindowRateLimiterOptions Window(int permitLimit, TimeSpan window) =>
        new() { PermitLimit = permitLimit, Window = window, QueueLimit = 0 };
}
