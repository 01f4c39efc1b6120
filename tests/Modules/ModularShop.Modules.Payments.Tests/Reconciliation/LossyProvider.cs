using System.Collections.Concurrent;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Modules.Payments.Tests.Reconciliation;

/// <summary>A redirect provider whose webhooks never arrive: the shopper's outcome is only known to its API, which the
/// tests set through <see cref="Outcomes"/> and the reconciliation reads through <see cref="GetStatusAsync"/>.</summary>
public sealed class LossyProvider : IPaymentProvider, IPaymentStatusQuery
{
    public const string ProviderCode = "lossy";

    private int _lookups;

    /// <summary>By payment reference (the shop's payment id): what the provider would answer.</summary>
    public ConcurrentDictionary<string, ProviderPaymentStatus> Outcomes { get; } = new();

    /// <summary>Payment references whose lookup throws (a network failure).</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    public int Lookups => Volatile.Read(ref _lookups);

    public string Code => ProviderCode;

    public string DisplayName => "Lossy pay";

    public PaymentProviderKind Kind => PaymentProviderKind.Redirect;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund | PaymentCapabilities.RequiresAction | PaymentCapabilities.Webhooks;

    public bool TestMode => true;

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken) => Task.FromResult(new AuthorizeResult
    {
        Status = AuthorizeStatus.RequiresAction,
        ProviderReference = "lossy_" + request.IdempotencyKey,
        NextAction = new PaymentNextAction("redirect", new Uri($"https://lossy.example/pay/{request.PaymentReference}")),
        Method = new PaymentMethodDisplay("Lossy pay"),
    });

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Succeeded(request.ProviderReference));

    public Task<PaymentOperationResult> VoidAsync(VoidRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(PaymentOperationResult.Succeeded(request.ProviderReference));

    public Task<PaymentOperationResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.ExceedsRefundable ? PaymentOperationResult.RefundTooLarge(request) : PaymentOperationResult.Succeeded("lossy_re_" + request.IdempotencyKey));

    public WebhookVerification VerifyWebhook(WebhookRequest request) =>
        WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "lost in the mail");

    public Task<PaymentStatusResult> GetStatusAsync(PaymentStatusRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lookups);
        if (Failing.ContainsKey(request.PaymentReference))
        {
            throw new HttpRequestException("lossy.example is down");
        }

        return Task.FromResult(Outcomes.TryGetValue(request.PaymentReference, out var status)
            ? new PaymentStatusResult(status, status == ProviderPaymentStatus.Failed ? "expired" : null)
            : new PaymentStatusResult(ProviderPaymentStatus.RequiresAction));
    }
}
