namespace ModularShop.Modules.Storefront;

/// <summary><c>Storefront:*</c> settings.</summary>
public sealed class StorefrontOptions
{
    public const string Section = "Storefront";

    /// <summary>The shop's name in titles, the header and meta tags.</summary>
    public string ShopName { get; set; } = "ModularShop";

    /// <summary>
    /// The public origin for canonical URLs (<c>https://shop.example</c>); empty: the request's own scheme and host
    /// (behind a proxy, from the forwarded headers the host trusts).
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>Products per listing page.</summary>
    public int PageSize { get; set; } = 24;

    /// <summary>Featured products on the home page.</summary>
    public int FeaturedCount { get; set; } = 8;

    /// <summary>
    /// How long an anonymous page stays in the output cache when nothing evicts it. Catalog changes evict at once
    /// (decision 0013); this bounds what a change no event reports could leave behind.
    /// </summary>
    public TimeSpan PageCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a signed-in shopper stays signed in without a visit (sliding; the session ends sooner if ended in Users).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long the browser keeps an anonymous shopper's cart id.</summary>
    public TimeSpan CartCookieLifetime { get; set; } = TimeSpan.FromDays(30);
}
