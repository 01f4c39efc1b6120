using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModularShop.Payments.Abstractions;

namespace ExamplePay;

/// <summary>
/// A card processor simulation to start from: replace the bodies with calls to your processor's API. What must stay
/// true is what the conformance kit checks: outcomes are results, the same idempotency key gives the same outcome,
/// refunds never exceed what is left, webhooks are verified on the raw body.
/// </summary>
public sealed class ExamplePayProvider(ExamplePayOptions options) : IPaymentProvider
{
    public const string ProviderCode = "example-pay";
    public const string SignatureHeader = "ExamplePay-Signature";
    public const string ApprovedCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    public string Code => ProviderCode;

    public string DisplayName => "ExamplePay";

    public PaymentProviderKind Kind => PaymentProviderKind.Card;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund | PaymentCapabilities.PartialRefund | PaymentCapabilities.Webhooks;

    public bool TestMode => true;

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = request.Details.TryGetValue("cardNumber", out var n) ? n?.Replace(" ", string.Empty, StringComparison.Ordinal) : null;
        if (number is not { Length: >= 12 and <= 19 } || !number.All(char.IsAsciiDigit))
        {
            return Task.FromResult(AuthorizeResult.Invalid("cardNumber", "The card number is not valid."));
        }

        var reference = Reference("ch_", request.IdempotencyKey); // the same key: the same charge
        var method = new PaymentMethodDisplay($"Card •••• {number[^4..]}", "Card", number[^4..]);
        if (number == DeclinedCard)
        {
            return Task.FromResult(AuthorizeResult.Declined(reference, "card_declined", "The card was declined.", method));
        }

        return Task.FromResult(new AuthorizeResult
        {
            Status = request.Capture ? AuthorizeStatus.Captured : AuthorizeStatus.Authorized,
            ProviderReference = reference,
            Method = method,
        });
    }

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Succeeded(request?.ProviderReference));

    public Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Succeeded(request?.ProviderReference));

    public Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExceedsRefundable)
        {
            return Task.FromResult(PaymentOperationResult.RefundTooLarge(request));
        }

        return Task.FromResult(request.Amount.Amount <= 0
            ? PaymentOperationResult.Failed("invalid_amount", "A refund is a positive amount.")
            : PaymentOperationResult.Succeeded(Reference("re_", request.IdempotencyKey)));
    }

    /// <summary><c>ExamplePay-Signature: t=&lt;unix s&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>; body
    /// <c>{"id","type":"payment.succeeded"|"payment.failed","paymentReference","amount","currency"}</c>.</summary>
    public WebhookVerification VerifyWebhook(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.FirstOrDefault(h => string.Equals(h.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty;
        var parts = header.Split(',', StringSplitOptions.TrimEntries);
        var t = parts.FirstOrDefault(p => p.StartsWith("t=", StringComparison.Ordinal))?[2..];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, $"Missing or unreadable {SignatureHeader}.");
        }

        var signed = parts.Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p[3..]).ToList();
        var genuine = options.PreviousWebhookSecrets.Prepend(options.WebhookSecret)
            .Any(secret => signed.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(Sign(secret, timestamp, request.RawBody.Span)))));
        if (!genuine)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "No signature matches a configured secret.");
        }

        if (Math.Abs(request.ReceivedAt.ToUnixTimeSeconds() - timestamp) > (long)options.SignatureTolerance.TotalSeconds)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Stale, "The signature's timestamp is too far from now.");
        }

        try
        {
            var body = JsonSerializer.Deserialize<Body>(request.RawBody.Span, JsonSerializerOptions.Web);
            if (body is not { Id.Length: > 0 and <= 200, Type: "payment.succeeded" or "payment.failed", PaymentReference.Length: > 0 and <= 200 })
            {
                return WebhookVerification.Refused(WebhookVerificationStatus.Malformed, "Not an ExamplePay event.");
            }

            var succeeded = body.Type == "payment.succeeded";
            return WebhookVerification.Valid(new WebhookEvent(
                body.Id, body.Type, succeeded ? WebhookEventKind.PaymentSucceeded : WebhookEventKind.PaymentFailed, body.PaymentReference,
                body.Currency is { Length: 3 } currency ? new PaymentAmount(body.Amount, currency) : null,
                succeeded ? null : "payment_failed"));
        }
        catch (JsonException e)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Malformed, e.Message);
        }
    }

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload));
    }

    private static string Reference(string prefix, string key) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 12);

    private sealed record Body(string? Id, string? Type, string? PaymentReference, decimal Amount, string? Currency);
}
