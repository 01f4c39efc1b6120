namespace ModularShop.Modules.Storefront.Session;

/// <summary>The storefront's cookies: HttpOnly, SameSite, host-only; the session and cart cookies Secure (<c>__Host-</c>).</summary>
internal static class StorefrontCookies
{
    /// <summary>The authentication scheme of the shopper's session cookie.</summary>
    public const string Scheme = "Storefront";

    /// <summary>The session (user id and Users' session id, encrypted by Data Protection).</summary>
    public const string Session = "__Host-shop";

    /// <summary>An anonymous shopper's cart id (a signed-in shopper's cart is found by user).</summary>
    public const string Cart = "__Host-shop-cart";

    /// <summary>
    /// The antiforgery cookie of the pages that carry tokens (sign-in, register, account); Secure only over HTTPS (see
    /// <c>StorefrontModule</c>), so it cannot carry the <c>__Host-</c> prefix.
    /// </summary>
    public const string Antiforgery = "shop-af";

    /// <summary>Claim names inside the session cookie.</summary>
    public const string UserIdClaim = "sub";

    public const string SessionIdClaim = "sid";

    public const string NameClaim = "name";
}
