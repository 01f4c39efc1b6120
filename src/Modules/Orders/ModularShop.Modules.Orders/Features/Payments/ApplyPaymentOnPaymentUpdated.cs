using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Orders.Features.Orders;
using ModularShop.Modules.Orders.Persistence;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Orders.Features.Payments;

/// <summary>
/// Keeps the order's payment copy current (only reports newer than the copy) and moves the order with its payment:
/// captured while awaiting → <c>Paid</c> (stock confirmed); failed or voided while awaiting → <c>Cancelled</c>
/// (<c>payment_failed: &lt;code&gt;</c>, stock released); captured after the order was cancelled (the money came after the
/// timeout) → the payment is cancelled again, which refunds it. An unknown order whose payment is still alive is being
/// placed right now (the capture's event often arrives before the order commits): the inbox retries it with back-off,
/// without reporting a failure (<see cref="MessageNotReadyException"/>); a dead one (checkout gave up) is ignored. A report the copy
/// already holds (by payment version) costs one read.
/// </summary>
internal sealed class ApplyPaymentOnPaymentUpdated(OrdersDbContext db, OrderStore store, IPaymentsApi payments)
    : IIntegrationEventHandler<PaymentUpdatedIntegrationEvent>
{
    private static readonly PaymentStatus[] Alive = [PaymentStatus.Captured, PaymentStatus.Authorized, PaymentStatus.RequiresAction, PaymentStatus.Pending];

    public async Task HandleAsync(PaymentUpdatedIntegrationEvent e, CancellationToken cancellationToken)
    {
        var applied = await db.Orders.Where(o => o.Id == e.OrderId && o.PaymentId == e.PaymentId)
            .Select(o => (long?)o.PaymentVersion)
            .SingleOrDefaultAsync(cancellationToken);
        if (applied is null)
        {
            var payment = await payments.GetAsync(e.PaymentId, cancellationToken);
            if (payment is not null && Alive.Contains(payment.Status))
            {
                throw new MessageNotReadyException(
                    $"No order {e.OrderId} yet for payment {e.PaymentId} ({payment.Status}): it is being placed; retrying.");
            }

            return;
        }

        if (applied >= e.Version)
        {
            // The copy already holds this report or a newer one (the usual case: checkout placed the order with the
            // payment as captured). The version only grows, so there is nothing to lock or load.
            return;
        }

        await store.ChangeAsync(e.OrderId, null, (order, now) => Apply(order, e, now), cancellationToken);
    }

    private Result Apply(Order order, PaymentUpdatedIntegrationEvent e, DateTimeOffset now)
    {
        // The shopper still has something to do (3-D Secure; an offline payment's instructions): keep the action.
        var requiresAction = e.Status is PaymentStatus.RequiresAction or PaymentStatus.Pending;
        var copy = new OrderPaymentCopy(
            e.PaymentId,
            order.PaymentProvider,
            order.PaymentDisplay,
            e.Status.ToString(),
            requiresAction ? order.PaymentNextActionType : null,
            requiresAction ? order.PaymentNextActionUrl : null,
            e.Version);
        if (!order.ApplyPayment(copy, now))
        {
            return Result.Success(); // an older report than the one applied
        }

        switch (e.Status)
        {
            case PaymentStatus.Captured when order.Status == OrderStatus.AwaitingPayment:
                var paid = order.MarkPaid(now);
                store.Paid(order, now);
                return paid;
            case PaymentStatus.Failed or PaymentStatus.Voided when order.Status == OrderStatus.AwaitingPayment:
                var reason = $"payment_failed: {e.FailureCode ?? e.Status.ToString().ToLowerInvariant()}";
                var cancelled = order.Cancel(reason, now);
                store.Cancelled(order, reason, now, cancelPayment: false);
                return cancelled;
            case PaymentStatus.Captured when order.Status == OrderStatus.Cancelled:
                order.Note("payment captured after the order was cancelled: refunding it", now);
                store.Schedule(new CancelOrderPayment(order.Id, "order_cancelled"), now);
                return Result.Success();
            default:
                return Result.Success();
        }
    }
}
