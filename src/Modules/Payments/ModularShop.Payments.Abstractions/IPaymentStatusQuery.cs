namespace ModularShop.Payments.Abstractions;

/// <summary>
/// Optional (SDK 1.1), for providers whose API can say where a payment stands: the shop's reconciliation asks it about
/// payments that have waited too long for a webhook (<c>Pending</c>, <c>RequiresAction</c>), so a lost webhook never
/// leaves an order waiting forever. Never throws for an unknown payment: answer <see cref="ProviderPaymentStatus.Unknown"/>.
/// </summary>
public interface IPaymentStatusQuery
{
    /// <summary>Where <see cref="PaymentStatusRequest.ProviderReference"/> stands at the provider now.</summary>
    Task<PaymentStatusResult> GetStatusAsync(PaymentStatusRequest request, CancellationToken cancellationToken);
}

/// <summary>Which payment to look up.</summary>
/// <param name="PaymentReference">The shop's id of the payment.</param>
/// <param name="ProviderReference">The provider's id of the authorization.</param>
/// <param name="Amount">What was charged.</param>
public sealed record PaymentStatusRequest(string PaymentReference, string ProviderReference, PaymentAmount Amount);

/// <summary>A payment's status as the provider knows it.</summary>
public enum ProviderPaymentStatus
{
    /// <summary>The provider cannot tell (or does not know the payment): the shop changes nothing.</summary>
    Unknown,

    /// <summary>Still waiting for money (offline).</summary>
    Pending,

    /// <summary>Still waiting for the shopper's action.</summary>
    RequiresAction,

    /// <summary>Authorized, not captured.</summary>
    Authorized,

    /// <summary>The money is taken.</summary>
    Captured,

    /// <summary>Failed, declined, abandoned or expired.</summary>
    Failed,
}

/// <summary>The answer of <see cref="IPaymentStatusQuery.GetStatusAsync"/>.</summary>
/// <param name="Status">Where the payment stands.</param>
/// <param name="FailureCode">With <see cref="ProviderPaymentStatus.Failed"/>: a stable lower-case code.</param>
/// <param name="Message">For the log.</param>
public sealed record PaymentStatusResult(ProviderPaymentStatus Status, string? FailureCode = null, string? Message = null);
