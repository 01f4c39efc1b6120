namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>A variant as carried by product events: what carts and orders show and charge.</summary>
public sealed record ProductVariantSnapshot(Guid VariantId, string Name, string Sku, decimal Price, int Stock);
