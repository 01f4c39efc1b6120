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

    public Task HandleAsync(StockChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        EvictAsync(integrationEvent.ProductId, cancellationToken);

    private async Task EvictAsync(Guid productId, CancellationToken cancellationToken)
    {
        await cache.EvictByTagAsync(PageCacheTags.Product(productId), cancellationToken);
        await cache.EvictByTagAsync(PageCacheTags.Listings, cancellationToken);
        await InstanceBroadcast.SendAsync(db, Topic, productId.ToString("N"), cancellationToken);
    }
}

/// <summary>Evicts on this instance what another instance's <see cref="EvictPagesOnCatalogChange"/> broadcast.</summary>
internal sealed class PageEvictionListener(IOutputCacheStore cache, ILogger<PageEvictionListener> logger) : IInstanceBroadcastListener
{
    public string Topic => EvictPagesOnCatalogChange.Topic;

    public void OnBroadcast(string? detail)
    {
        _ = EvictAsync(Guid.TryParseExact(detail, "N", out var productId) ? productId : null);
    }

    private async Task EvictAsync(Guid? productId)
    {
        try
        {
            if (productId is { } id)
            {
                await cache.EvictByTagAsync(PageCacheTags.Product(id), CancellationToken.None);
                await cache.EvictByTagAsync(PageCacheTags.Listings, CancellationToken.None);
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
