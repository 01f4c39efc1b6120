using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Domain.Products;

/// <summary>
/// A product of the catalog. Every change of its descriptive fields bumps <see cref="Version"/> (the ETag clients
/// send back in <c>If-Match</c>); stock changes do not (sales must not make an admin's edit stale). A product with
/// variants has the sum of their stock as its <see cref="Stock"/>; one without keeps its own. Stock is set here only
/// when the product is created: afterwards it changes only through Catalog's conditional stock statements
/// (<c>Features/Stock/StockLevels</c>), which also bump <see cref="StockVersion"/>. Products are archived, never
/// deleted, because orders refer to them.
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

    /// <summary>Units in stock (the sum of the variants' for a product with variants), as loaded.</summary>
    public int Stock { get; private set; }

    /// <summary>Counts the product's stock changes (its own or its variants'): consumers order stock events by it.</summary>
    public long StockVersion { get; private set; }

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

        product.Stock = product._variants.Count > 0 ? product._variants.Sum(v => v.Stock) : draft.Stock ?? 0;
        return product;
    }

    /// <summary>
    /// Full replace of the descriptive fields: a variant with an id is updated, one without is added (with the stock
    /// the draft gives it), one left out is removed. An id that is not one of this product's variants is a validation
    /// error, so is a new variant without stock. Existing stock is not touched here: the draft's stock takes (a stock
    /// given for an existing variant, or for a product without variants; 0 for a product whose last variants were
    /// removed and that was given no stock) are returned for the stock statements to apply, and a stock left out is
    /// kept as it is — so an edit made while units sell loses no sale.
    /// </summary>
    public Result<IReadOnlyList<StockTake>> Replace(ProductDraft draft, DateTimeOffset now)
    {
        var existing = _variants.ToDictionary(v => v.Id);
        for (var i = 0; i < draft.Variants.Count; i++)
        {
            if (draft.Variants[i].Id is { } id && !existing.ContainsKey(id))
            {
                return Error.Validation($"variants[{i}].id", "This product has no variant with this id.");
            }

            if (draft.Variants[i].Id is null && draft.Variants[i].Stock is null)
            {
                return Error.Validation($"variants[{i}].stock", "A new variant needs its stock.");
            }
        }

        ApplyScalars(draft);
        var takes = new List<StockTake>();
        var kept = new HashSet<Guid>();
        for (var i = 0; i < draft.Variants.Count; i++)
        {
            var variantDraft = draft.Variants[i];
            if (variantDraft.Id is { } id)
            {
                existing[id].Apply(variantDraft, draft.Price, i);
                kept.Add(id);
                if (variantDraft.Stock is { } stock)
                {
                    takes.Add(new StockTake(id, stock));
                }
            }
            else
            {
                var added = ProductVariant.Create(Id, variantDraft, draft.Price, i, now);
                _variants.Add(added);
                kept.Add(added.Id);
            }
        }

        var hadVariants = existing.Count > 0;
        _variants.RemoveAll(v => !kept.Contains(v.Id));
        if (_variants.Count == 0 && (draft.Stock is not null || hadVariants))
        {
            // The product's own stock: as given; 0 when its last variants (and their units) were removed.
            takes.Add(new StockTake(null, draft.Stock ?? 0));
        }

        Touch(now);
        return takes;
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

    private void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now > UpdatedAt ? now : UpdatedAt;
    }
}
