namespace ModularShop.Modules.Catalog.Contracts;

public enum StockShortfallReason
{
    /// <summary>Fewer units in stock than requested.</summary>
    InsufficientStock,

    /// <summary>The product is archived, or the line names no variant of a product that has variants.</summary>
    Unavailable,

    /// <summary>No such product, or no such variant of it.</summary>
    NotFound,
}
