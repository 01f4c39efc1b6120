using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Persistence;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>Confirm the order's stock reservation (it is paid). Scheduled in the transaction that made it paid.</summary>
[ScheduledMessageName("orders.confirm-stock")]
internal sealed record ConfirmOrderStock(Guid OrderId) : ScheduledMessage;

/// <summary>Give the order's units back to stock (it was cancelled). Scheduled in the transaction that cancelled it.</summary>
[ScheduledMessageName("orders.release-stock")]
internal sealed record ReleaseOrderStock(Guid OrderId) : ScheduledMessage;

/// <summary>Void or refund the order's payment (it was cancelled). Scheduled in the transaction that cancelled it.</summary>
[ScheduledMessageName("orders.cancel-payment")]
internal sealed record CancelOrderPayment(Guid OrderId, string Reason) : ScheduledMessage;

/// <summary>
/// The effects of an order's state on other modules: its stock reservation (Catalog, <see cref="OrderStock"/>) and its
/// payment (Payments, <see cref="OrderPayments"/>). Each is scheduled durably in the transaction that changed the order
/// (<see cref="OrderStore"/>) and may also be run inline right after the commit; every one is idempotent (Catalog and
/// Payments are idempotent by the ids given), so running one twice is harmless.
/// </summary>
internal sealed class OrderStock(OrdersDbContext db, ICatalogApi catalog, ILogger<OrderStock> logger)
{
    public async Task ConfirmAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || order.Status is OrderStatus.Cancelled or OrderStatus.AwaitingPayment)
        {
            return; // a cancelled order's units are released instead
        }

        var result = await catalog.ConfirmAsync(order.ReservationId, cancellationToken);
        if (!result.IsSuccess)
        {
            // Released or expired before the payment arrived: nothing to hold any more. An operator must look.
            logger.LogWarning("Order {OrderNumber} is paid but its stock reservation could not be confirmed: {Code} {Message}",
                order.Number, result.Error.Code, result.Error.Message);
        }
    }

    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Cancelled)
        {
            return;
        }

        var result = await catalog.ReleaseAsync(order.ReservationId, cancellationToken);
        if (!result.IsSuccess)
        {
            logger.LogWarning("The stock reservation of cancelled order {OrderNumber} could not be released: {Code}", order.Number, result.Error.Code);
        }
    }
}

/// <summary>The order's payment: voided or refunded when the order is cancelled; Payments' answers kept as the order's copy.</summary>
internal sealed class OrderPayments(OrdersDbContext db, IPaymentsApi payments, TimeProvider clock, ILogger<OrderPayments> logger)
{
    /// <summary>Voids or refunds the payment of a cancelled order and keeps the answer as the order's payment copy.</summary>
    public async Task CancelAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Cancelled)
        {
            return;
        }

        var result = await payments.CancelAsync(order.PaymentId, reason, cancellationToken);
        if (!result.IsSuccess)
        {
            logger.LogWarning("The payment of cancelled order {OrderNumber} could not be cancelled: {Code}", order.Number, result.Error.Code);
            return;
        }

        await ApplyAsync(orderId, result.Value, cancellationToken);
    }

    /// <summary>Keeps <paramref name="payment"/> as the order's payment copy when it is newer than the one the order has.</summary>
    public async Task ApplyAsync(Guid orderId, PaymentSummary payment, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockAsync(orderId, cancellationToken);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is not null && order.ApplyPayment(Copy(payment), clock.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    public static OrderPaymentCopy Copy(PaymentSummary payment) => new(
        payment.Id,
        payment.Provider,
        payment.MethodDisplay ?? string.Empty,
        payment.Status.ToString(),
        payment.NextAction?.Type,
        payment.NextAction?.Url.ToString(),
        payment.Version);
}

/// <summary>Runs an effect inline after a commit, for speed; a failure is only logged (its scheduled twin retries it).</summary>
internal static class Inline
{
    public static async Task TryAsync(ILogger logger, Guid orderId, Func<Task> effect)
    {
        try
        {
            await effect();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "An effect of order {OrderId} failed inline; its scheduled message retries it", orderId);
        }
    }
}

internal sealed class ConfirmOrderStockHandler(OrderStock stock) : IScheduledMessageHandler<ConfirmOrderStock>
{
    public Task HandleAsync(ConfirmOrderStock message, CancellationToken cancellationToken) =>
        stock.ConfirmAsync(message.OrderId, cancellationToken);
}

internal sealed class ReleaseOrderStockHandler(OrderStock stock) : IScheduledMessageHandler<ReleaseOrderStock>
{
    public Task HandleAsync(ReleaseOrderStock message, CancellationToken cancellationToken) =>
        stock.ReleaseAsync(message.OrderId, cancellationToken);
}

internal sealed class CancelOrderPaymentHandler(OrderPayments payments) : IScheduledMessageHandler<CancelOrderPayment>
{
    public Task HandleAsync(CancelOrderPayment message, CancellationToken cancellationToken) =>
        payments.CancelAsync(message.OrderId, message.Reason, cancellationToken);
}
