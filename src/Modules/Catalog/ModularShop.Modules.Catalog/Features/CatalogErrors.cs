using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Catalog.Features;

internal static class CatalogErrors
{
    public static readonly Error ProductNotFound = Error.NotFound("catalog.product_not_found", "No product has this id or slug.");

    public static readonly Error CategoryNotFound = Error.NotFound("catalog.category_not_found", "No category has this id.");
}
