namespace ModularShop.Modules.Orders.Contracts;

/// <summary>
/// An order exactly as API clients see it (API.md → Orders, <c>Order</c>): the body of <c>GET /api/orders/{id}</c> and of
/// the <c>201</c> of <c>POST /api/checkout</c>. Amounts are in <see cref="Currency"/>, major units.
/// </summary>
public sealed record OrderDetails(
    Guid Id,
    string OrderNumber,
    Guid UserId,
    IReadOnlyList<OrderItemDetails> Items,
    decimal Subtotal,
    decimal Tax,
    decimal Shipping,
    decimal Total,
    string Currency,
    string Status,
    OrderAddress ShippingAddress,
    OrderAddress BillingAddress,
    string ShippingMethod,
    OrderPaymentMethod PaymentMethod,
    OrderPaymentDetails Payment,
    decimal Refunded,
    IReadOnlyList<OrderHistoryEntry> History,
    DateTimeOffset CreatedAt,
    long Version);

/// <summary>A line as sold (a snapshot).</summary>
public sealed record OrderItemDetails(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal);

/// <summary>How the order was paid: the provider's code and e.g. <c>Visa •••• 4242</c>.</summary>
public sealed record OrderPaymentMethod(string Provider, string Display);

/// <summary>The order's payment: its id (<c>GET /api/payments/{id}</c>), status, and what the shopper must do when it waits for them.</summary>
public sealed record OrderPaymentDetails(Guid Id, string Status, OrderNextAction? NextAction);

/// <summary>Where to send the shopper (<see cref="Type"/> <c>redirect</c>).</summary>
public sealed record OrderNextAction(string Type, Uri Url);

/// <summary>A status the order went through, when, and why (cancel and refund reasons).</summary>
public sealed record OrderHistoryEntry(string Status, DateTimeOffset At, string? Reason);
