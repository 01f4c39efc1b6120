namespace ModularShop.Modules.Storefront.Caching;

/// <summary>The output-cache tags of the storefront's pages.</summary>
internal static class PageCacheTags
{
    /// <summary>Every cached page (also evicted by Catalog's own admin writes, tag <c>catalog</c>).</summary>
    public const string All = "storefront";

    /// <summary>Pages listing many products (home, category, search): any product change may show on them.</summary>
    public const string Listings = "storefront-listings";

    /// <summary>One product's page.</summary>
    public static string Product(Guid productId) => $"storefront-product:{productId:N}";
}
