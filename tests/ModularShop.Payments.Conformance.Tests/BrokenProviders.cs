using System.Collections.Concurrent;
using System.Text.Json;
using ModularShop.Payments.Abstractions;
using ModularShop.Payments.Conformance;
using ModularShop.Plugins.Payments.TestCard;

namespace ModularShop.Payments.Conformance.Tests;

/// <summary>One way to break a provider; each must make a check of the kit fail.</summary>
public enum Fault
{
    None,
    InconsistentCapabilities,
    ThrowsWhenUnsupported,
    NewReferenceEveryCall,
    ChargesTwice,
    IgnoresWhatIsLeftToRefund,
    ThrowsOnDecline,
    AcceptsAnySignature,
    AcceptsStaleDeliveries,
    ForgetsThePreviousSecret,
    ThrowsOnMalformedBody,
    TakesGarbageForSuccess,
}

/// <summary>The test card, without voids (answered Unsupported, as the kit expects) and with one <see cref="Fault"/> built in.</summary>
internal sealed class BrokenProvider(Fault fault, FakeBackend backend) : IPaymentProvider
{
    public const string Secret = "whsec_broken_current_00000001";
    public const string Previous = "whsec_broken_previous_0000001";

    private readonly TestCardProvider _inner = new(
        new TestCardOptions
        {
            WebhookSecret = Secret,
            PreviousWebhookSecrets = fault == Fault.ForgetsThePreviousSecret ? [] : [Previous],
        },
        TimeProvider.System);

    public string Code => "broken";

    public string DisplayName => "Broken";

    public PaymentProviderKind Kind => PaymentProviderKind.Card;

    public PaymentCapabilities Capabilities => fault switch
    {
        Fault.InconsistentCapabilities => PaymentCapabilities.PartialRefund | PaymentCapabilities.Capture,
        _ => _inner.Capabilities & ~PaymentCapabilities.Void,
    };

    public bool TestMode => true;

    public async Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        if (backend.Garbage)
        {
            return fault == Fault.TakesGarbageForSuccess
                ? new AuthorizeResult { Status = AuthorizeStatus.Captured, ProviderReference = "??" }
                : AuthorizeResult.Declined("none", "processing_error", "The processor's answer could not be read.", null);
        }

        backend.Charge(request.PaymentReference, request.IdempotencyKey, dedupe: fault != Fault.ChargesTwice);
        var result = await _inner.AuthorizeAsync(request, cancellationToken);
        return fault switch
        {
            Fault.ThrowsOnDecline when result.Status == AuthorizeStatus.Declined => throw new InvalidOperationException("card declined"),
            Fault.NewReferenceEveryCall => result with { ProviderReference = "ch_" + Guid.NewGuid().ToString("N") },
            _ => result,
        };
    }

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) =>
        backend.Garbage ? Task.FromResult(PaymentOperationResult.Failed("processing_error", "unreadable")) : _inner.CaptureAsync(request, cancellationToken);

    public Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) => fault == Fault.ThrowsWhenUnsupported
        ? throw new NotSupportedException("void")
        : Task.FromResult(PaymentOperationResult.Unsupported("This provider cannot void."));

    public Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (backend.Garbage)
        {
            return Task.FromResult(PaymentOperationResult.Failed("processing_error", "unreadable"));
        }

        return fault == Fault.IgnoresWhatIsLeftToRefund
            ? Task.FromResult(PaymentOperationResult.Succeeded("re_" + request.IdempotencyKey))
            : _inner.RefundAsync(request, cancellationToken);
    }

    public WebhookVerification VerifyWebhook(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (fault == Fault.ThrowsOnMalformedBody)
        {
            using var parsed = JsonDocument.Parse(request.RawBody); // throws on a body that is not JSON
        }

        var verification = _inner.VerifyWebhook(request);
        if (fault == Fault.AcceptsStaleDeliveries && verification.Status == WebhookVerificationStatus.Stale)
        {
            // As if its tolerance were unlimited: any signed age goes.
            verification = new[] { -2, 2 }.Select(h => _inner.VerifyWebhook(request with { ReceivedAt = request.ReceivedAt.AddHours(h) }))
                .FirstOrDefault(v => v.Status == WebhookVerificationStatus.Valid) ?? verification;
        }

        return fault == Fault.AcceptsAnySignature && verification.Status == WebhookVerificationStatus.InvalidSignature
            ? WebhookVerification.Valid(new WebhookEvent("evt_forged", "payment.succeeded", WebhookEventKind.PaymentSucceeded, "whatever"))
            : verification;
    }
}

/// <summary>A provider backend for the sandbox: counts charges per payment, and can answer garbage.</summary>
internal sealed class FakeBackend
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _charges = new();

    public bool Garbage { get; set; }

    public void Charge(string payment, string key, bool dedupe)
    {
        var keys = _charges.GetOrAdd(payment, _ => new());
        keys.AddOrUpdate(dedupe ? key : Guid.NewGuid().ToString(), 1, (_, n) => n);
    }

    public int Charges(string payment) => _charges.TryGetValue(payment, out var keys) ? keys.Count : 0;
}

/// <summary>The broken provider's sandbox: the test card's, plus the backend's charge count and garbage switch.</summary>
internal sealed class BrokenSandbox(FakeBackend backend) : IConformanceSandbox
{
    private readonly TestCardSandbox _card = new(BrokenProvider.Secret, BrokenProvider.Previous);

    public IReadOnlyDictionary<string, string?> ApprovingDetails => _card.ApprovingDetails;

    public IReadOnlyDictionary<string, string?>? DecliningDetails => _card.DecliningDetails;

    public WebhookDelivery? Webhook(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        _card.Webhook(paymentReference, providerReference, amount, at);

    public WebhookDelivery? WebhookWithPreviousSecret(string paymentReference, string providerReference, PaymentAmount amount, DateTimeOffset at) =>
        _card.WebhookWithPreviousSecret(paymentReference, providerReference, amount, at);

    public WebhookDelivery? Sign(byte[] body, DateTimeOffset at) => _card.Sign(body, at);

    public IDisposable? MalformedReplies()
    {
        backend.Garbage = true;
        return new Restore(backend);
    }

    public Task<int?> ChargeCountAsync(string paymentReference, CancellationToken cancellationToken) => Task.FromResult<int?>(backend.Charges(paymentReference));

    private sealed class Restore(FakeBackend backend) : IDisposable
    {
        public void Dispose() => backend.Garbage = false;
    }
}
