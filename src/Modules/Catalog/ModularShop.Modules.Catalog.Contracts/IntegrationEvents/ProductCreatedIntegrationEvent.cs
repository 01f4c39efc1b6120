using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>A product was added to the catalog.</summary>
[IntegrationEventName("catalog.product-created.v1")]
public sealed record ProductCreatedIntegrationEvent(
    Guid ProductId,
    long Version,
    string Name,
    string Slug,
    string? Image,
    decimal Price,
    int Stock,
    IReadOnlyList<ProductVariantSnapshot> Variants) : IntegrationEvent;
