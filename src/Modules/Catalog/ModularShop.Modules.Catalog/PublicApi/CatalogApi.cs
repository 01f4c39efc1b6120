using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Features.Categories;
using ModularShop.Modules.Catalog.Features.Products;
using ModularShop.Modules.Catalog.Features.Stock;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.PublicApi;

internal sealed class CatalogApi(CatalogDbContext db, StockReservations reservations, IOptions<ShopOptions> shop, IMediator mediator) : ICatalogApi
{
    private string Currency => shop.Value.Currency;

    public async Task<Result<PagedResult<CatalogListingProduct>>> ListAsync(CatalogListingQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The REST list's own use case (validation, search, category tree, sort, paging): one behaviour for both doors.
        var page = await mediator.Send(
            new ListProducts.Query(query.Page, query.PageSize, query.Q, query.Category, query.MinPrice, query.MaxPrice, query.Featured, query.InStock, query.Sort),
            cancellationToken);
        return page.IsSuccess
            ? new PagedResult<CatalogListingProduct>([.. page.Value.Items.Select(ToListing)], page.Value.Page, page.Value.PageSize, page.Value.TotalCount, page.Value.TotalPages)
            : page.Error;
    }

    public async Task<CatalogListingProduct?> GetBySlugAsync(string slugOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slugOrId);
        var product = await mediator.Send(new GetProduct.Query(slugOrId), cancellationToken);
        return product.IsSuccess ? ToListing(product.Value) : null;
    }

    public async Task<IReadOnlyList<CatalogCategory>> ListCategoriesAsync(CancellationToken cancellationToken = default) =>
        [.. (await mediator.Send(new ListCategories.Query(), cancellationToken)).Select(c => new CatalogCategory(c.Id, c.Slug, c.Name, c.ParentId, c.ProductCount))];

    private static CatalogListingProduct ToListing(ProductResponse p) => new(
        p.Id,
        p.Slug,
        p.Name,
        p.Description,
        Money.Of(p.Price, p.Currency),
        p.ComparePrice is { } compare ? Money.Of(compare, p.Currency) : null,
        p.Images,
        new CatalogCategoryReference(p.Category.Id, p.Category.Slug, p.Category.Name),
        [.. p.Variants.Select(v => new CatalogListingVariant(v.Id, v.Name, v.Options, Money.Of(v.Price, p.Currency), v.Stock, v.Sku))],
        p.Stock,
        p.Featured,
        p.Version);

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
                p.StockVersion,
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
                .Select(v => new CatalogVariant(v.Id, p.Id, p.Name, v.Name, v.Sku, Money.Of(v.Price, Currency), v.Stock, image, archived, p.Version, p.StockVersion))
                .ToList();
            return new CatalogProduct(
                p.Id, p.Slug, p.Name, p.Slug.ToUpperInvariant(), Money.Of(p.Price, Currency), p.Stock, image, archived, p.Version, p.StockVersion, variants);
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
                p.StockVersion,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CatalogVariant(
                r.Id, r.ProductId, r.ProductName, r.Name, r.Sku, Money.Of(r.Price, Currency), r.Stock, r.Images.FirstOrDefault(),
                r.ArchivedAt is not null, r.Version, r.StockVersion))
            .ToList();
    }

    public Task<Result<StockReservation>> ReserveAsync(
        Guid reservationId, IReadOnlyList<StockReservationLine> lines, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        reservations.ReserveAsync(reservationId, lines, expiresAt, cancellationToken);

    public Task<Result<StockReservation>> ConfirmAsync(Guid reservationId, CancellationToken cancellationToken = default) =>
        reservations.ConfirmAsync(reservationId, cancellationToken);

    public Task<Result<StockReservation>> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default) =>
        reservations.ReleaseAsync(reservationId, cancellationToken);

    public Task<StockReservation?> GetReservationAsync(Guid reservationId, CancellationToken cancellationToken = default) =>
        reservations.GetAsync(reservationId, cancellationToken);
}
