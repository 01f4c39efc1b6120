namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>
/// The Catalog module's synchronous public API for other modules (the authority on products, prices and
/// stock). Archived products are returned too (flagged), so orders and carts can still describe them.
/// </summary>
public interface ICatalogApi
{
    /// <summary>Products by id, with all their variants. Unknown ids are simply absent from the answer.</summary>
    Task<IReadOnlyList<CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken = default);

    /// <summary>Variants by id. Unknown ids are simply absent from the answer.</summary>
    Task<IReadOnlyList<CatalogVariant>> GetVariantsAsync(IReadOnlyCollection<Guid> variantIds, CancellationToken cancellationToken = default);
}

/// <summary>
/// A product as other modules see it. <see cref="Sku"/> of a product without variants is its slug in upper
/// case; <see cref="Stock"/> of a product with variants is the sum of theirs.
/// </summary>
public sealed record CatalogProduct(
    Guid Id,
    string Slug,
    string Name,
    string Sku,
    decimal Price,
    int Stock,
    string? Image,
    bool Archived,
    long Version,
    IReadOnlyList<CatalogVariant> Variants);

/// <summary>A variant as other modules see it; <see cref="Image"/> and <see cref="Archived"/> are the product's.</summary>
public sealed record CatalogVariant(
    Guid Id,
    Guid ProductId,
    string ProductName,
    string Name,
    string Sku,
    decimal Price,
    int Stock,
    string? Image,
    bool Archived,
    long Version);
