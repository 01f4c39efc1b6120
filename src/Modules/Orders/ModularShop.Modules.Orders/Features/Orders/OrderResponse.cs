using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Domain;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>
/// The order as API clients see it: <see cref="OrderDetails"/> of the Contracts (API.md's <c>Order</c>; <c>shippingMethod</c>,
/// <c>refunded</c> and <c>version</c> are compatible additions), the same body checkout answers.
/// </summary>
internal static class OrderResponse
{
    public static OrderDetails From(Order o) => new(
        o.Id,
        o.Number,
        o.UserId,
        [.. o.Items.OrderBy(i => i.Position).Select(i => new OrderItemDetails(i.ProductId, i.VariantId, i.Sku, i.Name, i.VariantName, i.UnitPrice, i.Quantity, i.LineTotal))],
        o.Subtotal,
        o.Tax,
        o.Shipping,
        o.Total,
        o.Currency,
        o.Status.ToString(),
        Address(o.ShippingAddress),
        Address(o.BillingAddress),
        o.ShippingMethod,
        new OrderPaymentMethod(o.PaymentProvider, o.PaymentDisplay),
        new OrderPaymentDetails(
            o.PaymentId,
            o.PaymentStatus,
            o.PaymentNextActionType is { } type && Uri.TryCreate(o.PaymentNextActionUrl, UriKind.Absolute, out var url) ? new OrderNextAction(type, url) : null),
        o.Refunded,
        [.. o.History.OrderBy(h => h.Sequence).Select(h => new OrderHistoryEntry(h.Status.ToString(), h.At, h.Reason))],
        o.CreatedAt,
        o.Version);

    private static OrderAddress Address(PostalAddress a) => new(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);
}
