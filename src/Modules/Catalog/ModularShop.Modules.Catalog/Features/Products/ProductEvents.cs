using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;
using ModularShop.Modules.Catalog.Domain.Products;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>The integration events Catalog publishes about a product, built from its state after a change.</summary>
internal static class ProductEvents
{
    public static ProductCreatedIntegrationEvent Created(Product p, DateTimeOffset now) =>
        new(p.Id, p.Version, p.Name, p.Slug, p.Images.FirstOrDefault(), p.Price, p.Stock, Variants(p)) { OccurredAt = now };

    public static ProductUpdatedIntegrationEvent Updated(Product p, DateTimeOffset now) =>
        new(p.Id, p.Version, p.Name, p.Slug, p.Images.FirstOrDefault(), p.Price, p.Stock, p.IsArchived, Variants(p)) { OccurredAt = now };

    public static ProductArchivedIntegrationEvent Archived(Product p, DateTimeOffset now) =>
        new(p.Id, p.Version) { OccurredAt = now };

    public static StockChangedIntegrationEvent StockChanged(Product p, Guid? variantId, int stock, DateTimeOffset now) =>
        new(p.Id, variantId, stock, p.Stock, p.Version) { OccurredAt = now };

    private static List<ProductVariantSnapshot> Variants(Product p) =>
        [.. p.Variants.OrderBy(v => v.Position).Select(v => new ProductVariantSnapshot(v.Id, v.Name, v.Sku, v.Price, v.Stock))];
}
