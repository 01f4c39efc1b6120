namespace ModularShop.Modules.Catalog.Contracts.IntegrationEvents;

/// <summary>One variant's units in stock.</summary>
public sealed record VariantStockLevel(Guid VariantId, int Stock);
