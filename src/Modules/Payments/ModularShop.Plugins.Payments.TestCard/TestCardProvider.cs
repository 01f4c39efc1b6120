using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.TestCard;

/// <summary>
/// The built-in card processor in test mode (API.md → Payments): magic card numbers decide the outcome, 3-D Secure is
/// simulated by a page the shop hosts, and outcomes of that page arrive as webhooks signed like Stripe's. Stateless:
/// every reference is derived from the idempotency key, so the same key always gives the same reference and outcome.
/// Card numbers and security codes are checked and forgotten: never kept, never logged.
/// </summary>
public sealed class TestCardProvider : IPaymentProvider, IPaymentSimulator
{
    public const string ProviderCode = "test-card";

    /// <summary>The signature header (API.md: <c>&lt;Provider&gt;-Signature</c>).</summary>
    public const string SignatureHeader = "Test-Card-Signature";

    /// <summary>Approves (captured when asked).</summary>
    public const string ApprovedCard = "4242424242424242";

    /// <summary>Declined with <c>card_declined</c>.</summary>
    public const string DeclinedCard = "4000000000000002";

    /// <summary>Declined with <c>insufficient_funds</c>.</summary>
    public const string InsufficientFundsCard = "4000000000009995";

    /// <summary>Requires the shopper's action (a simulated 3-D Secure page).</summary>
    public const string RequiresActionCard = "4000002500003155";

    /// <summary>The failure code of a webhook for a failed action.</summary>
    public const string AuthenticationFailed = "authentication_failed";

    private readonly TestCardOptions _options;
    private readonly TimeProvider _clock;

    public TestCardProvider(TestCardOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid test-card settings: " + string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _clock = clock;
    }

    public string Code => ProviderCode;

    public string DisplayName => "Test card";

    public PaymentProviderKind Kind => PaymentProviderKind.Card;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund | PaymentCapabilities.PartialRefund
        | PaymentCapabilities.RequiresAction | PaymentCapabilities.Webhooks;

    public bool TestMode => true;

    /// <summary>The path of the simulated bank page of a payment (the shop maps it; <see cref="IPaymentSimulator"/>).</summary>
    public static string ActionPath(string paymentReference) =>
        $"/api/payments/{ProviderCode}/authenticate/{Uri.EscapeDataString(paymentReference)}";

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var card = CardDetails.Parse(request.Details, _clock.GetUtcNow(), out var error);
        if (card is null)
        {
            return Task.FromResult(AuthorizeResult.Invalid(error!.Value.Field, error.Value.Message));
        }

        var reference = Reference("tc_", request.IdempotencyKey);
        var method = new PaymentMethodDisplay($"{card.Brand} •••• {card.Last4}", card.Brand, card.Last4);
        var result = card.Number switch
        {
            DeclinedCard => AuthorizeResult.Declined(reference, "card_declined", "Your card was declined.", method),
            InsufficientFundsCard => AuthorizeResult.Declined(reference, "insufficient_funds", "Your card has insufficient funds.", method),
            RequiresActionCard => new AuthorizeResult
            {
                Status = AuthorizeStatus.RequiresAction,
                ProviderReference = reference,
                Method = method,
                NextAction = new PaymentNextAction("redirect", ActionUrl(request.ActionBaseUrl, request.PaymentReference)),
                Message = "Your bank asks you to confirm this payment.",
            },
            _ => new AuthorizeResult
            {
                Status = request.Capture ? AuthorizeStatus.Captured : AuthorizeStatus.Authorized,
                ProviderReference = reference,
                Method = method,
            },
        };
        return Task.FromResult(result);
    }

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(PaymentOperationResult.Succeeded(request.ProviderReference));
    }

    public Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(PaymentOperationResult.Succeeded(request.ProviderReference));
    }

    public Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ExceedsRefundable)
        {
            return Task.FromResult(PaymentOperationResult.RefundTooLarge(request));
        }

        return Task.FromResult(request.Amount.Amount <= 0
            ? PaymentOperationResult.Failed("invalid_amount", "A refund must be of a positive amount.")
            : PaymentOperationResult.Succeeded(Reference("re_", request.IdempotencyKey)));
    }

    public WebhookVerification VerifyWebhook(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.FirstOrDefault(h => string.Equals(h.Key, SignatureHeader, StringComparison.OrdinalIgnoreCase)).Value;
        if (!WebhookSignature.TryParse(header, out var timestamp, out var signatures))
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, $"Missing or unreadable {SignatureHeader} header.");
        }

        if (!WebhookSignature.Matches(Secrets(), timestamp, request.RawBody.Span, signatures))
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "No signature matches a configured webhook secret.");
        }

        var age = request.ReceivedAt.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(age) > (long)_options.SignatureTolerance.TotalSeconds)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Stale,
                $"The signature's timestamp is {age} s away from now; at most {(long)_options.SignatureTolerance.TotalSeconds} s are accepted.");
        }

        return Parse(request.RawBody.Span) is { } webhookEvent
            ? WebhookVerification.Valid(webhookEvent)
            : WebhookVerification.Refused(WebhookVerificationStatus.Malformed, "The body is not a test-card event (id, type, data.paymentReference).");
    }

    public SimulatedWebhook CompleteAction(string paymentReference, string providerReference, PaymentAmount amount, bool approved, DateTimeOffset now)
    {
        var body = new TestCardWebhookBody(
            "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            approved ? "payment.succeeded" : "payment.failed",
            new TestCardWebhookData(paymentReference, providerReference, amount.Amount, amount.Currency, approved ? null : AuthenticationFailed));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [SignatureHeader] = WebhookSignature.Header(now.ToUnixTimeSeconds(), bytes, Secrets()),
            ["Content-Type"] = "application/json",
        };
        return new SimulatedWebhook(headers, bytes);
    }

    private IEnumerable<string> Secrets() => _options.PreviousWebhookSecrets.Prepend(_options.WebhookSecret);

    private static WebhookEvent? Parse(ReadOnlySpan<byte> body)
    {
        TestCardWebhookBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<TestCardWebhookBody>(body);
        }
        catch (JsonException)
        {
            return null;
        }

        if (parsed is not { Id: { Length: > 0 and <= 200 } id, Type: { Length: > 0 and <= 100 } type, Data.PaymentReference: { Length: > 0 and <= 200 } paymentReference })
        {
            return null;
        }

        var data = parsed.Data!;
        PaymentAmount? amount = data is { Amount: { } value, Currency: { Length: 3 } currency } ? new PaymentAmount(value, currency) : null;
        var kind = type switch
        {
            "payment.succeeded" => WebhookEventKind.PaymentSucceeded,
            "payment.failed" => WebhookEventKind.PaymentFailed,
            "payment.action_required" => WebhookEventKind.ActionRequired,
            "charge.refunded" => WebhookEventKind.Refunded,
            _ => WebhookEventKind.Other,
        };
        return new WebhookEvent(id, type, kind, paymentReference, amount, data.FailureCode,
            kind == WebhookEventKind.PaymentFailed ? "The bank refused the payment." : null);
    }

    private static Uri ActionUrl(Uri? baseUrl, string paymentReference)
    {
        var path = ActionPath(paymentReference);
        return baseUrl is { IsAbsoluteUri: true }
            ? new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + path)
            : new Uri(path, UriKind.Relative);
    }

    /// <summary><paramref name="prefix"/> + the first 24 hex digits of SHA-256(<paramref name="key"/>).</summary>
    private static string Reference(string prefix, string key) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];
}
