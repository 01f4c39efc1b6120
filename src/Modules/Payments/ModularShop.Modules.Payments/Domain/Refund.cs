namespace ModularShop.Modules.Payments.Domain;

/// <summary>Money given back, identified by the caller's refund id (the idempotency key of the refund).</summary>
internal sealed class Refund
{
    private Refund()
    {
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public decimal Amount { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    /// <summary><c>succeeded</c>, or <c>pending</c> when the provider reports the outcome later.</summary>
    public string Status { get; private set; } = string.Empty;

    public string? ProviderReference { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static Refund Create(Guid id, Guid paymentId, decimal amount, string reason, string status, string? providerReference, DateTimeOffset at) => new()
    {
        Id = id,
        PaymentId = paymentId,
        Amount = amount,
        Reason = reason.Length > PaymentLimits.Reason ? reason[..PaymentLimits.Reason] : reason,
        Status = status,
        ProviderReference = providerReference,
        At = at,
    };
}
