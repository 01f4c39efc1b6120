namespace ModularShop.Modules.Cart.ReadModel;

/// <summary>
/// Cart's own copy of what Catalog says about a product or one of its variants (one row each, keyed by the
/// variant's id, or the product's for the product itself): what carts show, charge and check against. Filled
/// through <c>ICatalogApi</c> when a product is first added and kept current by Catalog's
/// <c>catalog.product-updated.v1</c> and <c>catalog.stock-changed.v2</c> events: the descriptive fields are only ever
/// replaced by a newer <see cref="Version"/>, the stock only by a newer <see cref="StockVersion"/>.
/// </summary>
internal sealed class ProductSnapshot
{
    public Guid Id { get; init; }

    public Guid ProductId { get; init; }

    public Guid? VariantId { get; init; }

    public string ProductName { get; init; } = string.Empty;

    public string? VariantName { get; init; }

    public string Sku { get; init; } = string.Empty;

    public string? Image { get; init; }

    public decimal Price { get; init; }

    public int Stock { get; init; }

    public bool Archived { get; init; }

    /// <summary>The product's (descriptive) version in Catalog when the descriptive fields of this row were written.</summary>
    public long Version { get; init; }

    /// <summary>The product's stock version in Catalog when <see cref="Stock"/> was written (stock changes move it, not <see cref="Version"/>).</summary>
    public long StockVersion { get; init; }

    public DateTimeOffset RefreshedAt { get; init; }
}
