using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>What a shop window asks for (the storefront's listing, category and search pages): the same filters, sort
/// and paging as <c>GET /api/catalog/products</c>, validated the same way.</summary>
/// <param name="Q">Words in name or description (all must match, as prefixes).</param>
/// <param name="Category">A category slug; its subcategories are included.</param>
/// <param name="Sort"><c>relevance</c> (default with <paramref name="Q"/>), <c>newest</c> (default), <c>price_asc</c>, <c>price_desc</c>, <c>name</c>.</param>
public sealed record CatalogListingQuery(
    int Page = 1,
    int PageSize = 20,
    string? Q = null,
    string? Category = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    bool? Featured = null,
    bool? InStock = null,
    string? Sort = null);

/// <summary>A live product as a shop window shows it: description, images, category and variants with their options.</summary>
public sealed record CatalogListingProduct(
    Guid Id,
    string Slug,
    string Name,
    string Description,
    Money Price,
    Money? ComparePrice,
    IReadOnlyList<string> Images,
    CatalogCategoryReference Category,
    IReadOnlyList<CatalogListingVariant> Variants,
    int Stock,
    bool Featured,
    long Version);

/// <summary>A variant with the options that tell it apart (<c>{"size":"M","color":"blue"}</c>).</summary>
public sealed record CatalogListingVariant(Guid Id, string Name, IReadOnlyDictionary<string, string> Options, Money Price, int Stock, string Sku);

/// <summary>The category a product is in.</summary>
public sealed record CatalogCategoryReference(Guid Id, string Slug, string Name);

/// <summary>A category of the shop's tree, with how many live products it holds directly.</summary>
public sealed record CatalogCategory(Guid Id, string Slug, string Name, Guid? ParentId, int ProductCount);
