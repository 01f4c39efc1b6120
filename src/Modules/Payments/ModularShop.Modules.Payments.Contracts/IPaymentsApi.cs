using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Payments.Contracts;

/// <summary>
/// The Payments module's public API: takes money through a provider for an order, and gives it back. Every call is
/// idempotent by the ids it is given, so a caller that crashed may simply call again: no payment is ever charged,
/// voided or refunded twice.
/// </summary>
public interface IPaymentsApi
{
    /// <summary>
    /// Charges <see cref="PaymentRequest.Amount"/> with the provider (authorize and capture), idempotent by
    /// <see cref="PaymentRequest.PaymentId"/>: a repeat answers the payment as it is now and calls nobody. The answer's
    /// status is <see cref="PaymentStatus.Captured"/> (approved), <see cref="PaymentStatus.RequiresAction"/> (with
    /// <see cref="PaymentSummary.NextAction"/>), <see cref="PaymentStatus.Pending"/> (offline) or
    /// <see cref="PaymentStatus.Failed"/> (declined: <see cref="PaymentSummary.FailureCode"/> such as <c>card_declined</c>).
    /// Errors: unknown or disabled provider → validation error on <c>payment.provider</c>; details the provider refuses →
    /// validation error on <c>payment.details.&lt;field&gt;</c> (no payment is recorded then); a repeat with another amount,
    /// order or provider → 409-kind <c>payments.payment_mismatch</c>.
    /// </summary>
    Task<Result<PaymentSummary>> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The order is cancelled: voids a payment that was not captured (requires action, pending, authorized) or refunds
    /// what is captured and not yet refunded. Idempotent; a failed or voided payment is answered as it is.
    /// Unknown: <c>payments.not_found</c> (404-kind).
    /// </summary>
    Task<Result<PaymentSummary>> CancelAsync(Guid paymentId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back <paramref name="amount"/> (null: all that is left) of the captured money, idempotent by
    /// <paramref name="refundId"/>. More than is left → 409-kind <c>payments.refund_exceeds_captured</c>; nothing captured →
    /// 409-kind <c>payments.not_captured</c>; a partial refund with a provider that cannot → 409-kind
    /// <c>payments.partial_refund_unsupported</c>.
    /// </summary>
    Task<Result<PaymentSummary>> RefundAsync(Guid paymentId, Guid refundId, Money? amount, string reason, CancellationToken cancellationToken = default);

    /// <summary>The payment as it is now, or null.</summary>
    Task<PaymentSummary?> GetAsync(Guid paymentId, CancellationToken cancellationToken = default);

    /// <summary>The payment providers this host offers at checkout (built-in and plugins), by code (<c>GET /api/payments/providers</c>).</summary>
    Task<IReadOnlyList<PaymentProviderInfo>> ListProvidersAsync(CancellationToken cancellationToken = default);
}

/// <summary>A provider as a checkout page offers it: <see cref="Kind"/> <c>card</c>, <c>redirect</c> or <c>offline</c>.</summary>
public sealed record PaymentProviderInfo(string Code, string Name, string Kind, bool TestMode);
