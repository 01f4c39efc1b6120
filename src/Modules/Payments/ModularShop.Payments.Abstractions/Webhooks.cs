namespace ModularShop.Payments.Abstractions;

/// <summary>What a webhook event says happened to a payment.</summary>
public enum WebhookEventKind
{
    /// <summary>The money is taken (after the shopper's action, or an offline payment received).</summary>
    PaymentSucceeded,

    /// <summary>The payment failed (action failed or abandoned, or declined late).</summary>
    PaymentFailed,

    /// <summary>The payment waits for the shopper's action.</summary>
    ActionRequired,

    /// <summary>Money was given back (also refunds made in the provider's dashboard).</summary>
    Refunded,

    /// <summary>Anything else: acknowledged and ignored.</summary>
    Other,
}

/// <summary>A verified webhook event.</summary>
/// <param name="EventId">The provider's unique id of the event; the shop processes each id once (de-duplication).</param>
/// <param name="Type">The provider's own event type (<c>payment.succeeded</c>), for the log.</param>
/// <param name="Kind">What happened, in the shop's terms.</param>
/// <param name="Amount">The amount concerned, when the event says.</param>
/// <param name="FailureCode">With <see cref="WebhookEventKind.PaymentFailed"/>: a stable code.</param>
/// <param name="Message">A message fit for the shopper or the log.</param>
/// <param name="PaymentReference">The shop's payment id as given in <see cref="AuthorizeRequest.PaymentReference"/>.</param>
public sealed record WebhookEvent(
    string EventId,
    string Type,
    WebhookEventKind Kind,
    string PaymentReference,
    PaymentAmount? Amount = null,
    string? FailureCode = null,
    string? Message = null);

/// <summary>Whether a delivery is genuine.</summary>
public enum WebhookVerificationStatus
{
    /// <summary>Signature good and fresh: <see cref="WebhookVerification.Event"/> is set.</summary>
    Valid,

    /// <summary>Missing or wrong signature (the shop answers 401).</summary>
    InvalidSignature,

    /// <summary>Signed, but the timestamp is outside the tolerance (a replay; the shop answers 400).</summary>
    Stale,

    /// <summary>Signed, but the body cannot be understood (the shop answers 400).</summary>
    Malformed,
}

/// <summary>The outcome of <see cref="IPaymentProvider.VerifyWebhook"/>.</summary>
public sealed record WebhookVerification(WebhookVerificationStatus Status, WebhookEvent? Event = null, string? Reason = null)
{
    /// <summary>A genuine delivery.</summary>
    public static WebhookVerification Valid(WebhookEvent webhookEvent) => new(WebhookVerificationStatus.Valid, webhookEvent);

    /// <summary>A delivery that is not processed, and why (for the log; never echo secrets).</summary>
    public static WebhookVerification Refused(WebhookVerificationStatus status, string reason) => new(status, null, reason);
}
