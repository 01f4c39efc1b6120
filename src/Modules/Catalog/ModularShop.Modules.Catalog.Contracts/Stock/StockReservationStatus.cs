namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>Where a stock reservation stands. Units are held while <see cref="Reserved"/> and taken for good once <see cref="Confirmed"/>.</summary>
public enum StockReservationStatus
{
    /// <summary>The units are held until the reservation is confirmed, released or expires.</summary>
    Reserved,

    /// <summary>Sold: the units are gone from stock for good (unless released later, e.g. an order cancelled).</summary>
    Confirmed,

    /// <summary>Released by the caller: the units went back to stock.</summary>
    Released,

    /// <summary>Not confirmed in time: the units went back to stock.</summary>
    Expired,

    /// <summary>Not all lines could be held, so none was; <see cref="StockReservation.Shortfalls"/> says why.</summary>
    Refused,
}
