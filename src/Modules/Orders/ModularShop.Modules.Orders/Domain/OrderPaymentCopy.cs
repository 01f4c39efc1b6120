namespace ModularShop.Modules.Orders.Domain;

/// <summary>
/// The order's copy of its payment as Payments last reported it (<see cref="Version"/> orders the reports).
/// <see cref="Status"/> is a Payments status name (<c>Captured</c>, <c>RequiresAction</c>, …).
/// </summary>
internal sealed record OrderPaymentCopy(
    Guid PaymentId,
    string Provider,
    string Display,
    string Status,
    string? NextActionType,
    string? NextActionUrl,
    long Version);
