namespace ModularShop.Modules.Orders.Domain;

/// <summary>API.md's order status; the names are the wire values.</summary>
internal enum OrderStatus
{
    AwaitingPayment,
    Paid,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
}
