namespace ModularShop.Modules.Payments.Domain;

/// <summary>A webhook event processed once: unique by (provider, event id), written in the transaction of its effect.</summary>
internal sealed class WebhookDelivery
{
    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public string EventId { get; private set; } = string.Empty;

    public string Type { get; private set; } = string.Empty;

    public string PaymentReference { get; private set; } = string.Empty;

    public DateTimeOffset ReceivedAt { get; private set; }
}
