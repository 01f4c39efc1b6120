using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Domain;

/// <summary>
/// The order state machine of API.md as one table: <c>AwaitingPayment → Paid → Shipped → Delivered</c>;
/// <c>AwaitingPayment</c>/<c>Paid</c> → <c>Cancelled</c>; <c>Paid</c>/<c>Shipped</c>/<c>Delivered</c> → <c>Refunded</c>.
/// Every other (from, to) pair is a 409 <c>orders.invalid_transition</c>.
/// </summary>
internal static class OrderTransitions
{
    public const string InvalidTransitionCode = "orders.invalid_transition";

    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Allowed =
    [
        (OrderStatus.AwaitingPayment, OrderStatus.Paid),
        (OrderStatus.Paid, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Delivered),
        (OrderStatus.AwaitingPayment, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Refunded),
        (OrderStatus.Shipped, OrderStatus.Refunded),
        (OrderStatus.Delivered, OrderStatus.Refunded),
    ];

    public static bool IsAllowed(OrderStatus from, OrderStatus to) => Allowed.Contains((from, to));

    /// <summary>Success when the table allows the move, else the 409 naming both states.</summary>
    public static Result Check(OrderStatus from, OrderStatus to) =>
        IsAllowed(from, to) ? Result.Success() : Invalid(from, to);

    public static Error Invalid(OrderStatus from, OrderStatus to) =>
        Error.Conflict(InvalidTransitionCode, $"An order cannot go from {from} to {to}.");
}
