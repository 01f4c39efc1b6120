using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Payments.Domain;

/// <summary>One line of a payment's log: what happened (<c>charge.captured</c>, <c>webhook.payment.succeeded</c>, <c>refund</c>), the status after it, the amount concerned and the provider's event id.</summary>
internal sealed class PaymentEvent
{
    private PaymentEvent()
    {
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public string Type { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    public decimal? Amount { get; private set; }

    public string? ProviderEventId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static PaymentEvent Create(Guid paymentId, string type, PaymentStatus status, decimal? amount, string? providerEventId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        PaymentId = paymentId,
        Type = type.Length > PaymentLimits.EventType ? type[..PaymentLimits.EventType] : type,
        Status = status,
        Amount = amount,
        ProviderEventId = providerEventId,
        At = at,
    };
}
