namespace ModularShop.Modules.Catalog.Contracts;

/// <summary>A line a reservation could not hold: <see cref="Available"/> units were there for <see cref="Requested"/>.</summary>
public sealed record StockShortfall(Guid ProductId, Guid? VariantId, int Requested, int Available, StockShortfallReason Reason);
