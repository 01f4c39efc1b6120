using System.Diagnostics.Metrics;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Counters of the messaging pipeline (meter <c>ModularShop.Messaging</c>): outbox messages relayed (tag <c>module</c>),
/// and deliveries, failures and dead parkings per subscription (tags <c>module</c>, <c>subscription</c>).
/// </summary>
public sealed class MessagingMetrics
{
    public const string MeterName = "ModularShop.Messaging";

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        Relayed = meter.CreateCounter<long>("modularshop.outbox.relayed", description: "Outbox messages handed to every subscription's inbox");
        Delivered = meter.CreateCounter<long>("modularshop.inbox.delivered", description: "Messages a subscription applied");
        Failed = meter.CreateCounter<long>("modularshop.inbox.failed", description: "Delivery attempts that failed and will be retried");
        Dead = meter.CreateCounter<long>("modularshop.inbox.dead", description: "Messages parked as dead after the last attempt");
    }

    public Counter<long> Relayed { get; }

    public Counter<long> Delivered { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Dead { get; }
}
