using Microsoft.EntityFrameworkCore;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.PublicApi;

internal sealed class CatalogApi(CatalogDbContext db) : ICatalogApi
{
    public async Task<IReadOnlyList<CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken = default)
    {
        if (productIds.Count == 0)
        {
            return [];
        }

        var ids = productIds.Distinct().ToList();
        // Only what other modules see (not the description or the search vector): this is on the cart's hot path.
        var products = await db.Products.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.Slug,
                p.Name,
                p.Price,
                p.Stock,
                p.Images,
                p.ArchivedAt,
                p.Version,
                Variants = p.Variants.OrderBy(v => v.Position).Select(v => new { v.Id, v.Name, v.Sku, v.Price, v.Stock }).ToList(),
            })
            .ToListAsync(cancellationToken);
        return products.Select(p =>
        {
            var image = p.Images.FirstOrDefault();
            var archived = p.ArchivedAt is not null;
            var variants = p.Variants
                .Select(v => new CatalogVariant(v.Id, p.Id, p.Name, v.Name, v.Sku, v.Price, v.Stock, image, archived, p.Version))
                .ToList();
            return new CatalogProduct(p.Id, p.Slug, p.Name, p.Slug.ToUpperInvariant(), p.Price, p.Stock, image, archived, p.Version, variants);
        }).ToList();
    }

    public async Task<IReadOnlyList<CatalogVariant>> GetVariantsAsync(IReadOnlyCollection<Guid> variantIds, CancellationToken cancellationToken = default)
    {
        if (variantIds.Count == 0)
        {
            return [];
        }

        var ids = variantIds.Distinct().ToList();
        var rows = await db.Variants.AsNoTracking()
            .Where(v => ids.Contains(v.Id))
            .Join(db.Products, v => v.ProductId, p => p.Id, (v, p) => new
            {
                v.Id,
                v.ProductId,
                ProductName = p.Name,
                v.Name,
                v.Sku,
                v.Price,
                v.Stock,
                p.Images,
                p.ArchivedAt,
                p.Version,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CatalogVariant(
                r.Id, r.ProductId, r.ProductName, r.Name, r.Sku, r.Price, r.Stock, r.Images.FirstOrDefault(), r.ArchivedAt is not null, r.Version))
            .ToList();
    }
}
