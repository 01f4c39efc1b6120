using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.HostedPage;

/// <summary>
/// A redirect provider: authorizing sends the shopper to the provider's hosted page (in test mode the shop's simulated
/// page, <c>/api/payments/hosted-page/authenticate/{payment}</c>); the outcome arrives as a webhook signed with
/// <see cref="HostedPageSignature"/>. Stateless: references are derived from the idempotency keys.
/// </summary>
public sealed class HostedPageProvider(HostedPageOptions options) : IPaymentProvider, IPaymentSimulator
{
    public const string ProviderCode = "hosted-page";

    private static readonly HostedPageWebhookValidator Validator = new();

    public string Code => ProviderCode;

    public string DisplayName => options.DisplayName;

    public PaymentProviderKind Kind => PaymentProviderKind.Redirect;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund | PaymentCapabilities.PartialRefund
        | PaymentCapabilities.RequiresAction | PaymentCapabilities.Webhooks;

    public bool TestMode => options.TestMode;

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount is not { Amount: > 0, Currency.Length: 3 })
        {
            return Task.FromResult(AuthorizeResult.Invalid("amount", "A payment needs a positive amount in a three-letter currency."));
        }

        var path = $"/api/payments/{ProviderCode}/authenticate/{Uri.EscapeDataString(request.PaymentReference)}";
        var url = request.ActionBaseUrl is { IsAbsoluteUri: true } baseUrl
            ? new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + path)
            : new Uri(path, UriKind.Relative);
        return Task.FromResult(new AuthorizeResult
        {
            Status = AuthorizeStatus.RequiresAction,
            ProviderReference = Reference("hp_", request.IdempotencyKey),
            NextAction = new PaymentNextAction("redirect", url),
            Method = new PaymentMethodDisplay(options.DisplayName),
            Message = "Continue on the payment page.",
        });
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
            : PaymentOperationResult.Succeeded(Reference("hpr_", request.IdempotencyKey)));
    }

    public WebhookVerification VerifyWebhook(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HostedPageSignature.TryParseTimestamp(Header(request, HostedPageSignature.TimestampHeader), out var timestamp))
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, $"Missing or unreadable {HostedPageSignature.TimestampHeader} header.");
        }

        var signatures = HostedPageSignature.ParseSignatures(Header(request, HostedPageSignature.SignatureHeader));
        if (signatures.Count == 0 || !HostedPageSignature.Matches(Secrets(), timestamp, request.RawBody.Span, signatures))
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "No sha512 signature matches a configured webhook secret.");
        }

        var age = request.ReceivedAt.ToUnixTimeSeconds() - timestamp;
        if (Math.Abs(age) > (long)options.SignatureTolerance.TotalSeconds)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Stale,
                $"The timestamp is {age} s away from now; at most {(long)options.SignatureTolerance.TotalSeconds} s are accepted.");
        }

        HostedPageWebhook? webhook;
        try
        {
            webhook = JsonSerializer.Deserialize<HostedPageWebhook>(request.RawBody.Span, HostedPageWebhook.Json);
        }
        catch (JsonException e)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Malformed, $"The body is not JSON: {e.Message}");
        }

        if (webhook is null)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Malformed, "The body is empty.");
        }

        var validation = Validator.Validate(webhook);
        if (!validation.IsValid)
        {
            return WebhookVerification.Refused(WebhookVerificationStatus.Malformed, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        var completed = webhook.Event == HostedPageWebhook.Completed;
        return WebhookVerification.Valid(new WebhookEvent(
            webhook.EventId!,
            webhook.Event!,
            completed ? WebhookEventKind.PaymentSucceeded : WebhookEventKind.PaymentFailed,
            webhook.Payment!.Reference!,
            new PaymentAmount(webhook.Payment.Amount, webhook.Payment.Currency!),
            completed ? null : webhook.FailureCode ?? "payment_failed",
            completed ? null : "The payment was not completed on the payment page."));
    }

    public SimulatedWebhook CompleteAction(string paymentReference, string providerReference, PaymentAmount amount, bool approved, DateTimeOffset now)
    {
        var webhook = new HostedPageWebhook(
            "hpevt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            approved ? HostedPageWebhook.Completed : HostedPageWebhook.Failed,
            new HostedPagePayment(paymentReference, amount.Amount, amount.Currency),
            approved ? null : "payment_page_failed");
        var body = JsonSerializer.SerializeToUtf8Bytes(webhook, HostedPageWebhook.Json);
        var timestamp = now.ToUnixTimeSeconds();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [HostedPageSignature.TimestampHeader] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [HostedPageSignature.SignatureHeader] = HostedPageSignature.Header([options.WebhookSecret], timestamp, body),
            ["Content-Type"] = "application/json",
        };
        return new SimulatedWebhook(headers, body);
    }

    /// <summary>The FluentValidation this plugin runs (its own copy; the host carries another major version).</summary>
    public static Version? FluentValidationVersion => typeof(FluentValidation.AbstractValidator<>).Assembly.GetName().Version;

    private IEnumerable<string> Secrets() => options.PreviousWebhookSecrets.Prepend(options.WebhookSecret);

    private static string? Header(WebhookRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static string Reference(string prefix, string key) =>
        prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 12);
}
