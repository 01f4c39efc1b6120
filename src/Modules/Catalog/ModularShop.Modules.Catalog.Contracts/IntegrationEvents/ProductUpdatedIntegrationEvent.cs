using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>
/// A product changed (full replace or archive): its state after the change at <see cref="Version"/>, with its stock
/// at <see cref="StockVersion"/>. Consumers keep the versions they applied and ignore what is older (delivery order
/// is not guaranteed): the descriptive fields by <see cref="Version"/>, the stock figures by <see cref="StockVersion"/>
/// (stock changes alone are <see cref="StockChangedIntegrationEvent"/>s and do not change <see cref="Version"/>).
/// </summary>
[IntegrationEventName("catalog.product-updated.v1")]
public sealed record ProductUpdatedIntegrationEvent(
    Guid ProductId,
    long Version,
    string Name,
    string Slug,
    string? Image,
    decimal Price,
    int Stock,
    bool Archived,
    IReadOnlyList<ProductVariantSnapshot> Variants) : IntegrationEvent
{
    /// <summary>The product's stock version when <see cref="Stock"/> and the variants' stock were read (0 in events from before stock versions).</summary>
    public long StockVersion { get; init; }
}
