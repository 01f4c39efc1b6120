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
public sealed record RefundRequest(string PaymentReference, string ProviderReference, PaymentAmount Amount, string IdempotencyKey, string? Reason);

/// <summary>A webhook delivery as received: the raw body bytes (verify signatures on these, never on re-serialised JSON),
/// the request headers (names case-insensitive) and when it arrived (the shop's clock).</summary>
public sealed record WebhookRequest(ReadOnlyMemory<byte> RawBody, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ReceivedAt);
