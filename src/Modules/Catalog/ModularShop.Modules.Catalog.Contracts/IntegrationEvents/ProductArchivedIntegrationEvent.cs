using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>A product was archived: it can no longer be bought (orders keep referring to it).</summary>
[IntegrationEventName("catalog.product-archived.v1")]
public sealed record ProductArchivedIntegrationEvent(Guid ProductId, long Version) : IntegrationEvent;
