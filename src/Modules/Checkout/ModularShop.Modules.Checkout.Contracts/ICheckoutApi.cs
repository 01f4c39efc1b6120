using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Checkout.Contracts;

/// <summary>
/// Checkout for in-process callers (the storefront), on behalf of a signed-in user. Each method runs the REST endpoint's
/// own use case — the same validation (400 naming the field, e.g. <c>shippingAddress.postalCode</c>), the same prices to
/// the cent, the same exactly-once placement per idempotency key — and answers failures as results: 402 declined, 409
/// stock or cart problems, 404 a cart the user may not see.
/// </summary>
public interface ICheckoutApi
{
    /// <summary>The shipping methods offered to <paramref name="country"/> (all when <c>null</c>).</summary>
    Task<Result<IReadOnlyList<CheckoutShippingOption>>> ListShippingMethodsAsync(string? country, CancellationToken cancellationToken = default);

    /// <summary>What the cart costs delivered to this address by this method (<c>POST /api/checkout/quote</c>).</summary>
    Task<Result<CheckoutQuote>> QuoteAsync(Guid userId, Guid cartId, PostalAddress shippingAddress, string shippingMethod, CancellationToken cancellationToken = default);

    /// <summary>
    /// Buys the cart (<c>POST /api/checkout</c>). The same <paramref name="idempotencyKey"/> from the same user always
    /// answers the same order and never charges twice; send a new key for a new purchase.
    /// </summary>
    Task<Result<CheckoutPlacement>> PlaceAsync(Guid userId, string idempotencyKey, CheckoutOrder order, CancellationToken cancellationToken = default);
}

/// <summary>A postal address (the fields of the REST API's address).</summary>
public sealed record PostalAddress(
    string? FullName,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Phone);

/// <summary>A shipping method and its price (free above <see cref="FreeOver"/> when set).</summary>
public sealed record CheckoutShippingOption(string Code, string Name, Money Price, int EstimatedDays, Money? FreeOver);

/// <summary>A priced cart: what placing it now would charge.</summary>
public sealed record CheckoutQuote(Money Subtotal, Money Tax, Money Shipping, Money Total, string ShippingMethod);

/// <param name="BillingAddress">Null: the shipping address.</param>
/// <param name="PaymentDetails">What the provider needs (the test card: <c>cardNumber</c>, <c>expiry</c>, <c>cvc</c>).</param>
/// <param name="ActionBaseUrl">The shop's public base URL, for pages the provider sends the shopper to (3-D Secure, instructions).</param>
public sealed record CheckoutOrder(
    Guid CartId,
    PostalAddress ShippingAddress,
    PostalAddress? BillingAddress,
    string ShippingMethod,
    string PaymentProvider,
    IReadOnlyDictionary<string, string?> PaymentDetails,
    Uri? ActionBaseUrl);

/// <summary>
/// The order a checkout placed: <see cref="Status"/> <c>Paid</c>, or <c>AwaitingPayment</c> with <see cref="NextAction"/>
/// (<c>redirect</c>: send the shopper to its URL; <c>instructions</c>: show them how to pay).
/// </summary>
public sealed record CheckoutPlacement(Guid OrderId, string OrderNumber, string Status, Money Total, CheckoutNextAction? NextAction);

/// <summary>What the shopper must do for an order awaiting payment.</summary>
public sealed record CheckoutNextAction(string Type, Uri Url);
