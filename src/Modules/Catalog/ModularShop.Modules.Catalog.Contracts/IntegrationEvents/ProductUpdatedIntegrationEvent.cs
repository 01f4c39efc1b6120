using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>
/// A product changed (full replace, stock or archive): its state after the change at <see cref="Version"/>.
/// Consumers keep the version they applied and ignore events with an older one (delivery order is not
/// guaranteed across relays).
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
    IReadOnlyList<ProductVariantSnapshot> Variants) : IntegrationEvent;
