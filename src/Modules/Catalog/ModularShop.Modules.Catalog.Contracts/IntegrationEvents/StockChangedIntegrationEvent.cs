using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>
/// The stock of a variant (or of a product without variants, <see cref="VariantId"/> null) was set to
/// <see cref="Stock"/>; <see cref="ProductStock"/> is the product's total afterwards, at <see cref="Version"/>.
/// </summary>
[IntegrationEventName("catalog.stock-changed.v1")]
public sealed record StockChangedIntegrationEvent(Guid ProductId, Guid? VariantId, int Stock, int ProductStock, long Version) : IntegrationEvent;
