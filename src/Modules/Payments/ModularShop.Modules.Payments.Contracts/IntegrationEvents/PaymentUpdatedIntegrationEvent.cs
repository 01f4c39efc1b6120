using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.Modules.Payments.Contracts.IntegrationEvents;

/// <summary>
/// A payment changed status (published on every change, also the first: a charge's outcome). Deliveries may arrive out
/// of order: apply one only when its <see cref="Version"/> is newer than the last applied. Orders listens: a payment
/// that becomes <see cref="PaymentStatus.Captured"/> pays an order waiting for it; <see cref="PaymentStatus.Failed"/>
/// or <see cref="PaymentStatus.Voided"/> cancels it. Amounts are in <see cref="Currency"/>, major units.
/// </summary>
[IntegrationEventName("payments.payment-updated.v1")]
public sealed record PaymentUpdatedIntegrationEvent(
    Guid PaymentId,
    Guid OrderId,
    PaymentStatus Status,
    decimal Amount,
    decimal Captured,
    decimal Refunded,
    string Currency,
    string? FailureCode,
    long Version) : IntegrationEvent;
