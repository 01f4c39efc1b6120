using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Cart.Contracts;

/// <summary>One line: what is bought, at the catalog's current price; <see cref="LineTotal"/> = unit price × quantity (exact). <see cref="Image"/> is the product's first image, when it has one.</summary>
public sealed record CartLine(
    Guid ItemId,
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    Money UnitPrice,
    int Quantity,
    Money LineTotal,
    bool Available,
    string? Image = null);
