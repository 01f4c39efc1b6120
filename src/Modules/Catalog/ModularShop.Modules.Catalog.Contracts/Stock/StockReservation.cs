namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>A stock reservation as other modules see it. <see cref="Lines"/> are merged (each product/variant once).</summary>
public sealed record StockReservation(
    Guid Id,
    StockReservationStatus Status,
    IReadOnlyList<StockReservationLine> Lines,
    IReadOnlyList<StockShortfall> Shortfalls,
    DateTimeOffset ExpiresAt);
