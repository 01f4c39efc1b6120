using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Orders.Domain;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Orders.Features.Orders;

/// <summary>Due at an order's <c>PaymentDueAt</c>, scheduled when it was placed awaiting its payment.</summary>
[ScheduledMessageName("orders.payment-timeout")]
internal sealed record PaymentTimeout(Guid OrderId) : ScheduledMessage;

/// <summary>
/// The payment timeout: an order still <c>AwaitingPayment</c> at its due time is cancelled (reason
/// <c>payment_timeout</c>), its payment voided and its stock released (both scheduled in the same transaction). If
/// Payments says the money was captured meanwhile (its event not yet applied), the order is paid instead.
/// </summary>
internal sealed class CancelOrderWhenPaymentDue(OrderStore store, IPaymentsApi payments) : IScheduledMessageHandler<PaymentTimeout>
{
    public const string Reason = "payment_timeout";

    public async Task HandleAsync(PaymentTimeout message, CancellationToken cancellationToken)
    {
        var payment = await store.PaymentIdAsync(message.OrderId, cancellationToken) is { } paymentId
            ? await payments.GetAsync(paymentId, cancellationToken)
            : null;
        await store.ChangeAsync(message.OrderId, null, (order, now) =>
        {
            if (order.Status != OrderStatus.AwaitingPayment)
            {
                return BuildingBlocks.Kernel.Result.Success(); // paid or cancelled meanwhile: nothing to do
            }

            if (payment is not null)
            {
                order.ApplyPayment(OrderPayments.Copy(payment), now);
                if (payment.Status == PaymentStatus.Captured)
                {
                    var paid = order.MarkPaid(now);
                    store.Paid(order, now);
                    return paid;
                }
            }

            var cancelled = order.Cancel(Reason, now);
            store.Cancelled(order, Reason, now);
            return cancelled;
        }, cancellationToken);
    }
}
