using ModularShop.Modules.Orders.Domain;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>API.md's <c>Order</c>; <c>shippingMethod</c>, <c>refunded</c> and <c>version</c> are compatible additions.</summary>
public sealed record OrderResponse(
    Guid Id,
    string OrderNumber,
    Guid UserId,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Subtotal,
    decimal Tax,
    decimal Shipping,
    decimal Total,
    string Currency,
    string Status,
    OrderAddressResponse ShippingAddress,
    OrderAddressResponse BillingAddress,
    string ShippingMethod,
    OrderPaymentMethodResponse PaymentMethod,
    OrderPaymentResponse Payment,
    decimal Refunded,
    IReadOnlyList<OrderHistoryResponse> History,
    DateTimeOffset CreatedAt,
    long Version)
{
    internal static OrderResponse From(Order o) => new(
        o.Id,
        o.Number,
        o.UserId,
        [.. o.Items.OrderBy(i => i.Position).Select(i => new OrderItemResponse(i.ProductId, i.VariantId, i.Sku, i.Name, i.VariantName, i.UnitPrice, i.Quantity, i.LineTotal))],
        o.Subtotal,
        o.Tax,
        o.Shipping,
        o.Total,
        o.Currency,
        o.Status.ToString(),
        OrderAddressResponse.From(o.ShippingAddress),
        OrderAddressResponse.From(o.BillingAddress),
        o.ShippingMethod,
        new OrderPaymentMethodResponse(o.PaymentProvider, o.PaymentDisplay),
        new OrderPaymentResponse(
            o.PaymentId,
            o.PaymentStatus,
            o.PaymentNextActionType is { } type && o.PaymentNextActionUrl is { } url ? new OrderNextActionResponse(type, url) : null),
        o.Refunded,
        [.. o.History.OrderBy(h => h.Sequence).Select(h => new OrderHistoryResponse(h.Status.ToString(), h.At, h.Reason, h.Amount))],
        o.CreatedAt,
        o.Version);
}

/// <summary>A line as sold (a snapshot; later catalog changes do not alter it).</summary>
public sealed record OrderItemResponse(Guid ProductId, Guid? VariantId, string Sku, string Name, string? VariantName, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record OrderAddressResponse(string FullName, string Line1, string? Line2, string City, string? Region, string PostalCode, string Country, string? Phone)
{
    internal static OrderAddressResponse From(PostalAddress a) => new(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);
}

/// <summary>How the order is paid, for display: the provider's code and e.g. <c>Visa •••• 4242</c>.</summary>
public sealed record OrderPaymentMethodResponse(string Provider, string Display);

/// <summary>The order's payment: its id, its status as Payments last reported it, and what the shopper must do while it requires action.</summary>
public sealed record OrderPaymentResponse(Guid Id, string Status, OrderNextActionResponse? NextAction);

/// <summary>E.g. <c>{type: "redirect", url}</c>: the 3-D Secure page.</summary>
public sealed record OrderNextActionResponse(string Type, string Url);

/// <summary>A step of the order's life; <c>amount</c> is set for refunds.</summary>
public sealed record OrderHistoryResponse(string Status, DateTimeOffset At, string? Reason, decimal? Amount);
