namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>Units to hold: of a product without variants (<see cref="VariantId"/> null) or of one of its variants.</summary>
public sealed record StockReservationLine(Guid ProductId, Guid? VariantId, int Quantity);
