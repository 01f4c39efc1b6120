using ModularShop.Modules.Orders.Contracts.IntegrationEvents;
using ModularShop.Modules.Orders.Domain;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>The integration events of an order, made from its current state.</summary>
internal static class OrderEvents
{
    public static OrderPlacedIntegrationEvent Placed(Order o, DateTimeOffset now) =>
        new(o.Id, o.Number, o.UserId, o.Status.ToString(), o.Total, o.Currency) { OccurredAt = now };

    public static OrderPaidIntegrationEvent Paid(Order o, DateTimeOffset now) =>
        new(o.Id, o.Number, o.UserId, o.Total, o.Currency) { OccurredAt = now };

    public static OrderCancelledIntegrationEvent Cancelled(Order o, string reason, DateTimeOffset now) =>
        new(o.Id, o.Number, o.UserId, reason) { OccurredAt = now };

    public static OrderShippedIntegrationEvent Shipped(Order o, DateTimeOffset now) =>
        new(o.Id, o.Number, o.UserId) { OccurredAt = now };

    public static OrderRefundedIntegrationEvent Refunded(Order o, decimal amount, bool full, string reason, DateTimeOffset now) =>
        new(o.Id, o.Number, o.UserId, amount, o.Refunded, o.Currency, full, reason) { OccurredAt = now };
}
