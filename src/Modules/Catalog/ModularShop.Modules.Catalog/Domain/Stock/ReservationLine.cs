namespace ModularShop.Modules.Catalog.Domain.Stock;

/// <summary>Units of one product (<see cref="VariantId"/> null: a product without variants) or of one of its variants.</summary>
public sealed record ReservationLine(Guid ProductId, Guid? VariantId, int Quantity)
{
    /// <summary>The lines of a request with each product/variant once (quantities of repeated ones added up), in a fixed order.</summary>
    public static IReadOnlyList<ReservationLine> Merge(IEnumerable<ReservationLine> lines) =>
        [.. lines.GroupBy(l => (l.ProductId, l.VariantId))
            .Select(g => new ReservationLine(g.Key.ProductId, g.Key.VariantId, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.ProductId).ThenBy(l => l.VariantId)];
}
