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

    /// <summary>
    /// Per client address and window: sign-in and register form posts (<see cref="RateLimitOptions.CredentialPermitLimit"/>),
    /// and adds that would create a new anonymous cart (<see cref="RateLimitOptions.NewCartPermitLimit"/>) — the limits the
    /// REST API puts on the same use cases. Answered 429 with <c>Retry-After</c>.
    /// </summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    public sealed class RateLimitOptions
    {
        public int CredentialPermitLimit { get; set; } = 10;

        public int NewCartPermitLimit { get; set; } = 30;

        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }
}
