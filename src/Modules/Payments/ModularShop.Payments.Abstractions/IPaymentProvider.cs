namespace ModularShop.Payments.Abstractions;

/// <summary>
/// A payment provider: the one interface a payment plugin implements (the shop's payment SDK, version 1).
/// <para>
/// Providers are <b>stateless</b>: the shop owns the payment records, their event log and their state machine, and
/// tells the provider everything a call needs (its own reference for the payment, the amount, the idempotency key).
/// The shop may call a provider from several threads and instances at once.
/// </para>
/// <para>
/// Outcomes are results, never exceptions: a decline, an invalid card, an operation the provider does not support, a
/// webhook with a bad signature — each is a value the shop turns into an answer for the client. An exception (a
/// network failure, a bug) means "the outcome is unknown": the shop keeps the payment as it was and may repeat the
/// call with the <b>same idempotency key</b>, which must never charge, capture, void or refund twice.
/// </para>
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Stable identifier, lower-case letters, digits and dashes (<c>test-card</c>); stored with every payment and used in
    /// URLs (<c>/api/payments/webhooks/{code}</c>) and settings (<c>Payments:Providers:{code}</c>). Never change it.</summary>
    string Code { get; }

    /// <summary>Name shown to shoppers (<c>Test card</c>).</summary>
    string DisplayName { get; }

    /// <summary>How the shopper pays: card details, a redirect to a hosted page, or offline (bank transfer).</summary>
    PaymentProviderKind Kind { get; }

    /// <summary>What the provider can do; the shop never calls an operation that is not listed.</summary>
    PaymentCapabilities Capabilities { get; }

    /// <summary>True when no real money moves (sandbox keys, simulators).</summary>
    bool TestMode { get; }

    /// <summary>
    /// Authorizes (and, when <see cref="AuthorizeRequest.Capture"/> is set and <see cref="PaymentCapabilities.Capture"/>
    /// is supported, captures) <see cref="AuthorizeRequest.Amount"/>. The same <see cref="AuthorizeRequest.IdempotencyKey"/>
    /// gives the same outcome and never a second charge.
    /// </summary>
    Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken);

    /// <summary>Captures an authorized amount (all of it, or part with <see cref="PaymentCapabilities.PartialCapture"/>).</summary>
    Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels an authorization that was not captured (or is still waiting for the shopper's action).</summary>
    Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken);

    /// <summary>Gives back captured money (all, or part with <see cref="PaymentCapabilities.PartialRefund"/>). The shop never asks
    /// for more than was captured and not yet refunded.</summary>
    Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a webhook delivery (signature, freshness) on its <b>raw</b> body and, when it is genuine, parses it into
    /// an event. Only called when <see cref="PaymentCapabilities.Webhooks"/> is set. Never throws for a bad delivery.
    /// </summary>
    WebhookVerification VerifyWebhook(WebhookRequest request);
}
