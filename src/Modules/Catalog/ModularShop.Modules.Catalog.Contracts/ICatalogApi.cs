using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>
/// The Catalog module's synchronous public API for other modules: the authority on products, prices and stock.
/// Archived products are returned too (flagged), so orders and carts can still describe them. Prices are in the
/// shop's currency.
/// </summary>
public interface ICatalogApi
{
    /// <summary>Products by id, with all their variants. Unknown ids are simply absent from the answer.</summary>
    Task<IReadOnlyList<CatalogProduct>> GetProductsAsync(IReadOnlyCollection<Guid> productIds, CancellationToken cancellationToken = default);

    /// <summary>Variants by id. Unknown ids are simply absent from the answer.</summary>
    Task<IReadOnlyList<CatalogVariant>> GetVariantsAsync(IReadOnlyCollection<Guid> variantIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of live products for a shop window (the storefront): filters, search, sort and paging exactly as
    /// <c>GET /api/catalog/products</c>, and the same validation errors (a <see cref="ErrorKind.Validation"/> naming the field).
    /// </summary>
    Task<Result<PagedResult<CatalogListingProduct>>> ListAsync(CatalogListingQuery query, CancellationToken cancellationToken = default);

    /// <summary>A live product by its slug (or id), or null when there is none (or it is archived).</summary>
    Task<CatalogListingProduct?> GetBySlugAsync(string slugOrId, CancellationToken cancellationToken = default);

    /// <summary>Every category, parents before children, with its count of live products.</summary>
    Task<IReadOnlyList<CatalogCategory>> ListCategoriesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds the units of every line for a checkout until <paramref name="expiresAt"/>: all lines or none. The answer's
    /// <see cref="StockReservation.Status"/> is <see cref="StockReservationStatus.Reserved"/>, or
    /// <see cref="StockReservationStatus.Refused"/> with <see cref="StockReservation.Shortfalls"/> naming every line
    /// that lacks stock, is archived or unknown (then nothing is held). Idempotent by <paramref name="reservationId"/>:
    /// a repeat answers the reservation as it is now (its first outcome, or what became of it), without holding units
    /// twice; a repeat with other lines is a 409-kind error (<c>catalog.reservation_mismatch</c>). Lines of the same
    /// product/variant are added up. Unless confirmed, the reservation is released by itself at <paramref name="expiresAt"/>
    /// (a durable timer; also after a restart). Fails with a validation error for no lines, more than 100, a quantity
    /// outside 1..1 000 000, or an <paramref name="expiresAt"/> that has passed or lies more than 7 days ahead.
    /// </summary>
    Task<Result<StockReservation>> ReserveAsync(
        Guid reservationId, IReadOnlyList<StockReservationLine> lines, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sold: the reserved units stay taken for good (no expiry any more). Idempotent. Allowed while the reservation is
    /// reserved, even past its expiry time if the expiry has not run yet (the units are still held). A released,
    /// expired or refused reservation fails (409-kind: <c>catalog.reservation_released</c>, <c>…_expired</c>,
    /// <c>…_refused</c>); an unknown one is <c>catalog.reservation_not_found</c>.
    /// </summary>
    Task<Result<StockReservation>> ConfirmAsync(Guid reservationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives the units of a reserved or confirmed reservation back to stock (a payment declined, an order cancelled),
    /// exactly once however often it is called: a repeat answers the released reservation and changes nothing. A refused
    /// reservation holds nothing and is answered as it is. Unknown: <c>catalog.reservation_not_found</c>.
    /// </summary>
    Task<Result<StockReservation>> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken = default);

    /// <summary>The reservation as it is now, or null when there is none with this id.</summary>
    Task<StockReservation?> GetReservationAsync(Guid reservationId, CancellationToken cancellationToken = default);
}
