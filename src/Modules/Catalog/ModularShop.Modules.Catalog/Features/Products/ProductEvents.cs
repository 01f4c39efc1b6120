using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Features.Stock;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>
/// The product integration events Catalog publishes, built from the product's state after a change. Stock figures
/// come from the database as the change's transaction sees them (<see cref="ProductStockLevels"/>), not from the
/// loaded entity, whose stock may have sold meanwhile. Stock events are <see cref="StockLevels.PublishAsync"/>'s.
/// </summary>
internal static class ProductEvents
{
    public static ProductCreatedIntegrationEvent Created(Product p, DateTimeOffset now) =>
        new(p.Id, p.Version, p.Name, p.Slug, p.Images.FirstOrDefault(), p.Price, p.Stock,
            [.. p.Variants.OrderBy(v => v.Position).Select(v => new ProductVariantSnapshot(v.Id, v.Name, v.Sku, v.Price, v.Stock))])
        {
            OccurredAt = now,
        };

    public static ProductUpdatedIntegrationEvent Updated(Product p, ProductStockLevels stock, DateTimeOffset now)
    {
        var variantStock = stock.Variants.ToDictionary(v => v.VariantId, v => v.Stock);
        return new ProductUpdatedIntegrationEvent(
            p.Id, p.Version, p.Name, p.Slug, p.Images.FirstOrDefault(), p.Price, stock.Stock, p.IsArchived,
            [.. p.Variants.OrderBy(v => v.Position).Select(v => new ProductVariantSnapshot(v.Id, v.Name, v.Sku, v.Price, variantStock.GetValueOrDefault(v.Id)))])
        {
            StockVersion = stock.StockVersion,
            OccurredAt = now,
        };
    }

    public static ProductArchivedIntegrationEvent Archived(Product p, DateTimeOffset now) =>
        new(p.Id, p.Version) { OccurredAt = now };
}
