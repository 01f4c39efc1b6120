using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Orders.Contracts.IntegrationEvents;

/// <summary>An order was recorded (status <c>Paid</c> or <c>AwaitingPayment</c>). Amounts in <see cref="Currency"/>.</summary>
[IntegrationEventName("orders.order-placed.v1")]
public sealed record OrderPlacedIntegrationEvent(Guid OrderId, string OrderNumber, Guid UserId, string Status, decimal Total, string Currency) : IntegrationEvent;

/// <summary>The order's payment was captured.</summary>
[IntegrationEventName("orders.order-paid.v1")]
public sealed record OrderPaidIntegrationEvent(Guid OrderId, string OrderNumber, Guid UserId, decimal Total, string Currency) : IntegrationEvent;

/// <summary>The order was cancelled (by its owner, a failed payment or the payment timeout); its stock went back.</summary>
[IntegrationEventName("orders.order-cancelled.v1")]
public sealed record OrderCancelledIntegrationEvent(Guid OrderId, string OrderNumber, Guid UserId, string Reason) : IntegrationEvent;

/// <summary>The order left the warehouse.</summary>
[IntegrationEventName("orders.order-shipped.v1")]
public sealed record OrderShippedIntegrationEvent(Guid OrderId, string OrderNumber, Guid UserId) : IntegrationEvent;

/// <summary>Money was given back: <see cref="Amount"/> now, <see cref="TotalRefunded"/> in all; <see cref="FullyRefunded"/> when the order is <c>Refunded</c>.</summary>
[IntegrationEventName("orders.order-refunded.v1")]
public sealed record OrderRefundedIntegrationEvent(Guid OrderId, string OrderNumber, Guid UserId, decimal Amount, decimal TotalRefunded, string Currency, bool FullyRefunded, string Reason) : IntegrationEvent;
