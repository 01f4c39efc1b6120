using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>A variant as other modules see it; <see cref="Image"/>, <see cref="Archived"/> and the versions are the product's.</summary>
public sealed record CatalogVariant(
    Guid Id,
    Guid ProductId,
    string ProductName,
    string Name,
    string Sku,
    Money Price,
    int Stock,
    string? Image,
    bool Archived,
    long Version,
    long StockVersion);
