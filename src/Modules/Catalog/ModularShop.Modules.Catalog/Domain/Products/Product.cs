using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Domain.Products;

/// <summary>
/// A product of the catalog. Every change bumps <see cref="Version"/> (the ETag clients send back in
/// <c>If-Match</c>). A product with variants has the sum of their stock as its <see cref="Stock"/>;
/// one without keeps its own. Products are archived, never deleted, because orders refer to them.
/// </summary>
public sealed class Product
{
    private readonly List<ProductVariant> _variants = [];

    private Product()
    {
        Name = Slug = Description = string.Empty;
        Images = [];
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public string Slug { get; private set; }

    public string Description { get; private set; }

    /// <summary>The product's own price: what lists show, filter and sort by.</summary>
    public decimal Price { get; private set; }

    /// <summary>The "was" price shown struck through, when the product is on sale.</summary>
    public decimal? ComparePrice { get; private set; }

    public List<string> Images { get; private set; }

    public Guid CategoryId { get; private set; }

    public bool Featured { get; private set; }

    public int Stock { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public bool IsArchived => ArchivedAt is not null;

    public IReadOnlyList<ProductVariant> Variants => _variants;

    public static Product Create(ProductDraft draft, DateTimeOffset now)
    {
        var product = new Product { Id = Guid.CreateVersion7(now), CreatedAt = now, UpdatedAt = now, Version = 1 };
        product.ApplyScalars(draft);
        for (var i = 0; i < draft.Variants.Count; i++)
        {
            product._variants.Add(ProductVariant.Create(product.Id, draft.Variants[i] with { Id = null }, draft.Price, i, now));
        }

        product.RecalculateStock(draft.Stock);
        return product;
    }

    /// <summary>
    /// Full replace: a variant with an id is updated, one without is added, one left out is removed.
    /// An id that is not one of this product's variants is a validation error.
    /// </summary>
    public Result Replace(ProductDraft draft, DateTimeOffset now)
    {
        var existing = _variants.ToDictionary(v => v.Id);
        for (var i = 0; i < draft.Variants.Count; i++)
        {
            if (draft.Variants[i].Id is { } id && !existing.ContainsKey(id))
            {
                return Error.Validation($"variants[{i}].id", "This product has no variant with this id.");
            }
        }

        ApplyScalars(draft);
        var kept = new HashSet<Guid>();
        for (var i = 0; i < draft.Variants.Count; i++)
        {
            var variantDraft = draft.Variants[i];
            if (variantDraft.Id is { } id)
            {
                existing[id].Apply(variantDraft, draft.Price, i);
                kept.Add(id);
            }
            else
            {
                var added = ProductVariant.Create(Id, variantDraft, draft.Price, i, now);
                _variants.Add(added);
                kept.Add(added.Id);
            }
        }

        _variants.RemoveAll(v => !kept.Contains(v.Id));
        RecalculateStock(draft.Stock);
        Touch(now);
        return Result.Success();
    }

    /// <summary>Sets one variant's stock (an admin count, not a reservation).</summary>
    public Result SetVariantStock(Guid variantId, int stock, DateTimeOffset now)
    {
        var variant = _variants.Find(v => v.Id == variantId);
        if (variant is null)
        {
            return Error.NotFound("catalog.variant_not_found", "The product has no variant with this id.");
        }

        if (stock < 0)
        {
            return Error.Validation("stock", "Must not be negative.");
        }

        variant.SetStock(stock);
        RecalculateStock(Stock);
        Touch(now);
        return Result.Success();
    }

    public void Archive(DateTimeOffset now)
    {
        if (IsArchived)
        {
            return;
        }

        ArchivedAt = now;
        Touch(now);
    }

    /// <summary>Whether <paramref name="expectedVersion"/> (from <c>If-Match</c>) allows a change.</summary>
    public bool IsAtVersion(long? expectedVersion) => expectedVersion is null || expectedVersion == Version;

    private void ApplyScalars(ProductDraft draft)
    {
        Name = draft.Name;
        Slug = draft.Slug;
        Description = draft.Description;
        Price = draft.Price;
        ComparePrice = draft.ComparePrice;
        Images = [.. draft.Images];
        CategoryId = draft.CategoryId;
        Featured = draft.Featured;
    }

    private void RecalculateStock(int ownStock) =>
        Stock = _variants.Count > 0 ? _variants.Sum(v => v.Stock) : ownStock;

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now > UpdatedAt ? now : UpdatedAt;
    }
}
