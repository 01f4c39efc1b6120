namespace ModularShop.Payments.Abstractions;

/// <summary>
/// Authorize (and maybe capture) a payment.
/// </summary>
/// <param name="PaymentReference">The shop's id of the payment (stable across retries); put it into whatever the provider
/// sends back (webhooks) so the shop can find the payment.</param>
/// <param name="Amount">What to charge.</param>
/// <param name="Details">What the shopper entered for this provider (API.md: <c>payment.details</c>), e.g. <c>cardNumber</c>,
/// <c>expiry</c>, <c>cvc</c>. Never log or store them; the shop does not either.</param>
/// <param name="Capture">Capture at once when the authorization succeeds (the shop sells at checkout).</param>
/// <param name="IdempotencyKey">The same key for every attempt of this authorization.</param>
/// <param name="ActionBaseUrl">Absolute base URL of the shop (<c>https://shop.example</c>), for URLs the shopper is sent to.</param>
public sealed record AuthorizeRequest(
    string PaymentReference,
    PaymentAmount Amount,
    IReadOnlyDictionary<string, string?> Details,
    bool Capture,
    string IdempotencyKey,
    Uri? ActionBaseUrl = null);

/// <summary>Capture <see cref="Amount"/> of the authorization <see cref="ProviderReference"/>.</summary>
public sealed record CaptureRequest(string PaymentReference, string ProviderReference, PaymentAmount Amount, string IdempotencyKey);

/// <summary>Cancel the uncaptured authorization <see cref="ProviderReference"/>.</summary>
public sealed record VoidRequest(string PaymentReference, string ProviderReference, string IdempotencyKey);

/// <summary>Give back <see cref="Amount"/> of what <see cref="ProviderReference"/> captured.</summary>
/// <param name="PaymentReference">The shop's id of the payment.</param>
/// <param name="ProviderReference">The provider's id of the captured authorization.</param>
/// <param name="Amount">What to give back (positive).</param>
/// <param name="IdempotencyKey">The same key for every attempt of this refund: never refund twice.</param>
/// <param name="Reason">Why, for the provider's records (may be shown to the shopper).</param>
/// <param name="Refundable">(SDK 1.1) What is left to refund of the capture, as the shop counts it. A provider refuses
/// more (<see cref="PaymentOperationStatus.Failed"/>, code <c>amount_too_large</c>) — the shop never asks for more, this
/// is the second line of defence a real processor also has. Null from an older host: the provider's own records decide.</param>
public sealed record RefundRequest(string PaymentReference, string ProviderReference, PaymentAmount Amount, string IdempotencyKey, string? Reason, PaymentAmount? Refundable = null)
{
    /// <summary>True when <see cref="Refundable"/> is known and <see cref="Amount"/> exceeds it (or is in another currency).</summary>
    public bool ExceedsRefundable =>
        Refundable is { } left && (Amount.Amount > left.Amount || !string.Equals(Amount.Currency, left.Currency, StringComparison.Ordinal));
}

/// <summary>A webhook delivery as received: the raw body bytes (verify signatures on these, never on re-serialised JSON),
/// the request headers (names case-insensitive) and when it arrived (the shop's clock).</summary>
public sealed record WebhookRequest(ReadOnlyMemory<byte> RawBody, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt);
