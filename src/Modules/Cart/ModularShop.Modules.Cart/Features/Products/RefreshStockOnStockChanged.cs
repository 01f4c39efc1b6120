using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Modules.Cart.ReadModel;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Cart.Features.Products;

/// <summary>
/// Keeps the stock in Cart's read model current as units sell, are reserved, come back or are counted — so a cart's
/// <c>INSUFFICIENT_STOCK</c> problems stay true without a product event per sale. Older stock versions change nothing.
/// </summary>
internal sealed class RefreshStockOnStockChanged(CartDbContext db) : IIntegrationEventHandler<StockChangedIntegrationEvent>
{
    public Task HandleAsync(StockChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        ProductSnapshots.ApplyStockAsync(
            db,
            integrationEvent.ProductId,
            integrationEvent.StockVersion,
            integrationEvent.Stock,
            [.. integrationEvent.Variants.Select(v => (v.VariantId, v.Stock))],
            cancellationToken);
}
