using System.Linq.Expressions;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Domain.Products;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>The API's <c>Product</c> (API.md → Catalog).</summary>
public sealed record ProductResponse(
    Guid Id,
    string Slug,
    string Name,
    string Description,
    decimal Price,
    decimal? ComparePrice,
    string Currency,
    IReadOnlyList<string> Images,
    CategoryReference Category,
    IReadOnlyList<VariantResponse> Variants,
    int Stock,
    bool Featured,
    long Version,
    long StockVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record CategoryReference(Guid Id, string Slug, string Name);

/// <summary>The API's <c>ProductVariant</c>.</summary>
public sealed record VariantResponse(Guid Id, string Name, IReadOnlyDictionary<string, string> Options, decimal Price, int Stock, string Sku);

internal static class ProductProjection
{
    /// <summary>Projects straight to the response in SQL: one round-trip, no tracked entities.</summary>
    public static Expression<Func<Product, Category, ProductResponse>> ToResponse(string currency) => (product, category) => new ProductResponse(
        product.Id,
        product.Slug,
        product.Name,
        product.Description,
        product.Price,
        product.ComparePrice,
        currency,
        product.Images,
        new CategoryReference(category.Id, category.Slug, category.Name),
        product.Variants
            .OrderBy(v => v.Position)
            .Select(v => new VariantResponse(v.Id, v.Name, v.Options, v.Price, v.Stock, v.Sku))
            .ToList(),
        product.Stock,
        product.Featured,
        product.Version,
        product.StockVersion,
        product.CreatedAt,
        product.UpdatedAt);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<Product, Category, ProductResponse>> Compiled = new();

    /// <summary>The response of a product just loaded with its variants (after a write): the same projection, in memory.</summary>
    public static ProductResponse From(Product product, Category category, string currency) =>
        Compiled.GetOrAdd(currency, c => ToResponse(c).Compile())(product, category);
}
