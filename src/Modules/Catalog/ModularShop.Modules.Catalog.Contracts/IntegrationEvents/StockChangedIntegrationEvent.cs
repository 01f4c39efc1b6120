using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>
/// A product's stock changed (a sale, a reservation, its release or expiry, a stock take): its stock levels after the
/// change — the product's <see cref="Stock"/> (the sum of its variants' for a product with variants) and every variant's.
/// Published in the same transaction as the change, one event per product changed. <see cref="StockVersion"/> grows
/// with every stock change of the product; apply an event only if its stock version is newer than the one you hold
/// (stock events are independent of the product's descriptive <c>Version</c>).
/// Replaces <c>catalog.stock-changed.v1</c>, which carried one variant and the descriptive version (no subscriber).
/// </summary>
[IntegrationEventName("catalog.stock-changed.v2")]
public sealed record StockChangedIntegrationEvent(
    Guid ProductId,
    long StockVersion,
    int Stock,
    IReadOnlyList<VariantStockLevel> Variants) : IntegrationEvent;
