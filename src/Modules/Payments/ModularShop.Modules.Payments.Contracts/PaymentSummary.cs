using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Payments.Contracts;

/// <summary>
/// A payment as other modules see it. <see cref="Version"/> grows with every change (order events by it).
/// </summary>
/// <param name="MethodDisplay">How the order shows the method (<c>Visa •••• 4242</c>); never more than brand and last four.</param>
public sealed record PaymentSummary(
    Guid Id,
    Guid OrderId,
    Guid UserId,
    string Provider,
    PaymentStatus Status,
    Money Amount,
    Money Captured,
    Money Refunded,
    string? MethodDisplay,
    PaymentAction? NextAction,
    string? FailureCode,
    string? FailureMessage,
    long Version);

/// <summary>What the shopper must do to complete the payment (API.md <c>payment.nextAction</c>).</summary>
public sealed record PaymentAction(string Type, Uri Url);

/// <summary>API.md: <c>Pending</c> → <c>RequiresAction</c> → <c>Authorized</c> → <c>Captured</c> → <c>PartiallyRefunded</c>/<c>Refunded</c>; <c>Failed</c>; <c>Voided</c>.</summary>
public enum PaymentStatus
{
    Pending,
    RequiresAction,
    Authorized,
    Captured,
    PartiallyRefunded,
    Refunded,
    Failed,
    Voided,
}
