using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Cart.Persistence;
using ModularShop.Modules.Cart.ReadModel;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Cart.Features.Products;

/// <summary>
/// Keeps Cart's read model current: a price, stock, name or archive change in Catalog shows in every cart
/// that holds the product as soon as the event is delivered. Products no cart holds yet are stored too (so a
/// product added while its event is in flight cannot keep an older state); older versions change nothing.
/// </summary>
internal sealed class RefreshProductOnProductUpdated(CartDbContext db, TimeProvider clock) : IIntegrationEventHandler<ProductUpdatedIntegrationEvent>
{
    public Task HandleAsync(ProductUpdatedIntegrationEvent integrationEvent, CancellationToken cancellationToken) =>
        ProductSnapshots.UpsertAsync(db, ProductState.From(integrationEvent), clock.GetUtcNow(), cancellationToken);
}
