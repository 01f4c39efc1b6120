using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Contracts;

/// <summary>An order as other modules see it.</summary>
/// <param name="Status">API.md's order status: <c>AwaitingPayment</c>, <c>Paid</c>, <c>Shipped</c>, <c>Delivered</c>, <c>Cancelled</c>, <c>Refunded</c>.</param>
public sealed record OrderSummary(Guid Id, string OrderNumber, Guid UserId, string Status, Money Total, Guid PaymentId, string PaymentStatus, DateTimeOffset CreatedAt);
