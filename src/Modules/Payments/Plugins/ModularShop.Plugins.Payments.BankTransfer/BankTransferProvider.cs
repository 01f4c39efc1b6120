using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModularShop.Payments.Abstractions;

namespace ModularShop.Plugins.Payments.BankTransfer;

/// <summary>
/// An offline provider: authorizing answers <see cref="AuthorizeStatus.Pending"/> with instructions (the account and a
/// transfer reference derived from the payment, so a retry gives the same one); the money arrives outside the shop
/// and an admin records it, which the shop turns into <see cref="CaptureAsync"/>. Voiding an unpaid transfer needs
/// nothing from a bank; a refund is <see cref="PaymentOperationStatus.Pending"/>: the merchant still has to send the money
/// back. Stateless, no webhooks.
/// </summary>
public sealed class BankTransferProvider(BankTransferOptions options) : IPaymentProvider
{
    public const string ProviderCode = "bank-transfer";

    public string Code => ProviderCode;

    public string DisplayName => options.DisplayName;

    public PaymentProviderKind Kind => PaymentProviderKind.Offline;

    public PaymentCapabilities Capabilities =>
        PaymentCapabilities.Capture | PaymentCapabilities.Void | PaymentCapabilities.Refund | PaymentCapabilities.PartialRefund;

    public bool TestMode => options.TestMode;

    public Task<AuthorizeResult> AuthorizeAsync(AuthorizeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount is not { Amount: > 0, Currency.Length: 3 })
        {
            return Task.FromResult(AuthorizeResult.Invalid("amount", "A transfer needs a positive amount in a three-letter currency."));
        }

        var reference = TransferReference(request.IdempotencyKey);
        var bic = options.Bic is { Length: > 0 } b ? $", BIC {b}" : string.Empty;
        var instructions = string.Create(
            CultureInfo.InvariantCulture,
            $"Transfer {request.Amount.Amount:0.00} {request.Amount.Currency} to {options.AccountHolder}, IBAN {IbanCheck.Format(options.Iban)}{bic}, " +
            $"quoting the reference {reference}, within {options.DaysToPay} days. The order is confirmed when the money has arrived.");
        return Task.FromResult(new AuthorizeResult
        {
            Status = AuthorizeStatus.Pending,
            ProviderReference = reference,
            Instructions = instructions,
            Method = new PaymentMethodDisplay($"{options.DisplayName} ({reference})"),
        });
    }

    public Task<PaymentOperationResult> CaptureAsync(CaptureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(string.IsNullOrEmpty(request.ProviderReference)
            ? PaymentOperationResult.Failed("unknown_transfer", "No transfer reference was given.")
            : PaymentOperationResult.Succeeded(request.ProviderReference));
    }

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
            : new PaymentOperationResult(PaymentOperationStatus.Pending, $"{request.ProviderReference}-R{TransferReference(request.IdempotencyKey)[3..]}", null,
                "The merchant sends the money back by bank transfer."));
    }

    public WebhookVerification VerifyWebhook(WebhookRequest request) =>
        WebhookVerification.Refused(WebhookVerificationStatus.InvalidSignature, "bank-transfer sends no webhooks");

    /// <summary><c>BT-</c> and ten characters derived from the key: the same payment always gets the same reference.</summary>
    internal static string TransferReference(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return "BT-" + Convert.ToHexString(hash, 0, 5);
    }
}
