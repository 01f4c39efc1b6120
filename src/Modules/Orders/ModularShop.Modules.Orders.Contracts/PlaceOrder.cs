using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Contracts;

/// <summary>
/// An order to record, priced and paid (or being paid) by checkout. The totals are checkout's quote: Orders stores
/// them as given (and checks that the lines add up to <see cref="Subtotal"/> and the parts to <see cref="Total"/>).
/// </summary>
/// <param name="OrderId">Checkout's id; the order's id.</param>
/// <param name="ReservationId">The Catalog stock reservation that holds the lines' units (checkout uses the order id).</param>
/// <param name="ShippingMethod">The code of the chosen shipping method.</param>
/// <param name="PaymentDueAt">For an order waiting for its payment: when it is cancelled if still unpaid.</param>
public sealed record PlaceOrder(
    Guid OrderId,
    Guid UserId,
    Guid ReservationId,
    IReadOnlyList<OrderLine> Lines,
    Money Subtotal,
    Money Tax,
    Money Shipping,
    Money Total,
    OrderAddress ShippingAddress,
    OrderAddress BillingAddress,
    string ShippingMethod,
    OrderPayment Payment,
    DateTimeOffset? PaymentDueAt);

/// <summary>A line as sold: a snapshot of the product at checkout (later catalog changes do not alter it).</summary>
public sealed record OrderLine(
    Guid ProductId,
    Guid? VariantId,
    string Sku,
    string Name,
    string? VariantName,
    Money UnitPrice,
    int Quantity,
    Money LineTotal);

/// <summary>A postal address as the order keeps it.</summary>
public sealed record OrderAddress(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

/// <summary>The order's payment as it stood when checkout placed the order.</summary>
/// <param name="Status">A <c>PaymentStatus</c> name of the Payments contract (<c>Captured</c>, <c>RequiresAction</c>, …).</param>
/// <param name="Display">E.g. <c>Visa •••• 4242</c>.</param>
/// <param name="NextActionType">With <c>RequiresAction</c>: <c>redirect</c>.</param>
public sealed record OrderPayment(Guid PaymentId, string Provider, string Display, string Status, string? NextActionType, Uri? NextActionUrl, long Version);
