namespace ModularShop.Modules.Catalog.Domain.Products;

/// <summary>A validated full description of a product, as create and full-replace take it. <see cref="Stock"/>: of a product without variants; null on a replace keeps it.</summary>
public sealed record ProductDraft(
    string Name,
    string Slug,
    string Description,
    decimal Price,
    decimal? ComparePrice,
    IReadOnlyList<string> Images,
    Guid CategoryId,
    bool Featured,
    int? Stock,
    IReadOnlyList<VariantDraft> Variants);

/// <summary>
/// A variant in a draft. No <see cref="Id"/> adds a variant (with <see cref="Stock"/>); an id updates that variant,
/// and its <see cref="Stock"/>, when given, is a stock take (left out: kept).
/// </summary>
public sealed record VariantDraft(
    Guid? Id,
    string Name,
    IReadOnlyDictionary<string, string> Options,
    decimal? Price,
    int? Stock,
    string Sku);
