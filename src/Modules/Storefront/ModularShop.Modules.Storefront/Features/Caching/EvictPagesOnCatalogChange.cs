using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;
using ModularShop.Modules.Storefront.Caching;
using ModularShop.Modules.Storefront.Persistence;

namespace ModularShop.Modules.Storefront.Features.Caching;

/// <summary>
/// A product was created, changed, archived or its stock moved: its page and every listing are evicted from the
/// output cache — on this instance at once, and on every other instance through an <see cref="InstanceBroadcast"/>
/// delivered when this handler's inbox record commits (<see cref="PageEvictionListener"/> hears it).
/// </summary>
internal sealed class EvictPagesOnCatalogChange(StorefrontDbContext db, IOutputCacheStore cache) :
    IIntegrationEventHandler<ProductCreatedIntegrationEvent>,
    IIntegrationEventHandler<ProductUpdatedIntegrationEvent>,
    IIntegrationEventHandler<ProductArchivedIntegrationEvent>,
    IIntegrationEventHandler<StockChangedIntegrationEvent>
{
    public const string Topic = "storefront-pages";

    public Task HandleAsync(ProductCreatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        EvictAsync(integrationEvent.ProductId, cancellationToken);

    public Task HandleAsync(ProductUpdatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        EvictAsync(integrationEvent.ProductId, cancellationToken);

    public Task HandleAsync(ProductArchivedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        EvictAsync(integrationEvent.ProductId, cancellationToken);

    /// <summary>
    /// Every sale and every reservation moves stock: the product's page always shows it, but listings only say "In
    /// stock" at <see cref="Components.Shared.Format.LowStock"/> or more, so they are evicted only when the stock is
    /// below that (a restock above it shows on listings when Catalog's admin write evicts them, or when they expire).
    /// </summary>
    public Task HandleAsync(StockChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        EvictAsync(integrationEvent.ProductId, cancellationToken, listings: integrationEvent.Stock < Components.Shared.Format.LowStock);

    private async Task EvictAsync(Guid productId, CancellationToken cancellationToken, bool listings = true)
    {
        await cache.EvictByTagAsync(PageCacheTags.Product(productId), cancellationToken);
        if (listings)
        {
            await cache.EvictByTagAsync(PageCacheTags.Listings, cancellationToken);
        }

        await InstanceBroadcast.SendAsync(db, Topic, productId.ToString("N") + (listings ? "" : ":product"), cancellationToken);
    }
}

/// <summary>Evicts on this instance what another instance's <see cref="EvictPagesOnCatalogChange"/> broadcast.</summary>
internal sealed class PageEvictionListener(IOutputCacheStore cache, ILogger<PageEvictionListener> logger) : IInstanceBroadcastListener
{
    public string Topic => EvictPagesOnCatalogChange.Topic;

    /// <param name="detail"><c>{productId:N}</c> (its page and the listings) or <c>{productId:N}:product</c> (its page only).</param>
    public void OnBroadcast(string? detail)
    {
        var parts = (detail ?? "").Split(':');
        _ = EvictAsync(Guid.TryParseExact(parts[0], "N", out var productId) ? productId : null, listings: parts.Length == 1);
    }

    private async Task EvictAsync(Guid? productId, bool listings)
    {
        try
        {
            if (productId is { } id)
            {
                await cache.EvictByTagAsync(PageCacheTags.Product(id), CancellationToken.None);
                if (listings)
                {
                    await cache.EvictByTagAsync(PageCacheTags.Listings, CancellationToken.None);
                }
            }
            else
            {
                await cache.EvictByTagAsync(PageCacheTags.All, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Storefront page eviction failed; pages expire on their own within the cache lifetime");
        }
    }
}
