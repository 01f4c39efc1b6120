namespace ModularShop.Modules.Catalog.Domain.Products;

/// <summary>A stock take in a full replace: set <see cref="VariantId"/>'s stock (the product's own when null) to <see cref="Stock"/>.</summary>
public sealed record StockTake(Guid? VariantId, int Stock);
