namespace ModularShop.Modules.Storefront.Contracts;

/// <summary>
/// Where the storefront shows things, for other modules that point shoppers at them (an order e-mail, a payment return
/// page): absolute URLs when <c>Storefront:PublicOrigin</c> is set, else site-relative paths. The routes are the
/// storefront's to change; callers never build them by hand.
/// </summary>
public interface IStorefrontLinks
{
    /// <summary>A product's page (<c>/p/{slug}</c>).</summary>
    string Product(string slug);

    /// <summary>A signed-in shopper's order page (<c>/account/orders/{id}</c>).</summary>
    string Order(Guid orderId);

    /// <summary>The cart page.</summary>
    string Cart();
}
