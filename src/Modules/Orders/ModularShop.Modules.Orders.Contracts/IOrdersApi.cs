using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Contracts;

/// <summary>
/// The Orders module's public API. Checkout places orders through it; everything else about orders (reading,
/// cancelling, shipping, refunding) is Orders' own REST API.
/// </summary>
public interface IOrdersApi
{
    /// <summary>
    /// Records the order, idempotent by <see cref="PlaceOrder.OrderId"/>: a repeat answers the order as it is now and
    /// records nothing. From then on Orders owns the order's stock reservation (its id is the order id:
    /// <see cref="PlaceOrder.ReservationId"/>) and its payment: it confirms the reservation when the payment is captured
    /// (at once when <see cref="PlaceOrder.Payment"/> is already captured), releases it when the order is cancelled, and
    /// cancels an order still unpaid at <see cref="PlaceOrder.PaymentDueAt"/>.
    /// </summary>
    Task<Result<OrderSummary>> PlaceAsync(PlaceOrder order, CancellationToken cancellationToken = default);

    /// <summary>The order as it is now, or null.</summary>
    Task<OrderSummary?> GetAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>The order as API clients see it (the body of <c>GET /api/orders/{id}</c>), or null.</summary>
    Task<OrderDetails?> GetDetailsAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>A user's orders, newest first (<c>GET /api/orders</c>: page ≥ 1, 1 ≤ pageSize ≤ 100, else a validation error).</summary>
    Task<Result<PagedResult<OrderDetails>>> ListForUserAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>One of the user's orders (<c>GET /api/orders/{id}</c>): not found for another user's order.</summary>
    Task<Result<OrderDetails>> GetForUserAsync(Guid userId, Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>The user cancels their order (<c>POST /api/orders/{id}/cancel</c>): a conflict unless it awaits payment or is paid.</summary>
    Task<Result<OrderDetails>> CancelForUserAsync(Guid userId, Guid orderId, CancellationToken cancellationToken = default);
}
