using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>
/// A product as other modules see it. <see cref="Sku"/> of a product without variants is its slug in upper case;
/// <see cref="Stock"/> of a product with variants is the sum of theirs. <see cref="Version"/> versions the descriptive
/// fields, <see cref="StockVersion"/> the stock (they move independently).
/// </summary>
public sealed record CatalogProduct(
    Guid Id,
    string Slug,
    string Name,
    string Sku,
    Money Price,
    int Stock,
    string? Image,
    bool Archived,
    long Version,
    long StockVersion,
    IReadOnlyList<CatalogVariant> Variants);
