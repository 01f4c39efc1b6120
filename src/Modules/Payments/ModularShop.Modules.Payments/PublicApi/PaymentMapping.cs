using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Contracts.IntegrationEvents;
using ModularShop.Modules.Payments.Domain;

namespace ModularShop.Modules.Payments.PublicApi;

internal static class PaymentMapping
{
    public static PaymentSummary ToSummary(this Payment p) => new(
        p.Id,
        p.OrderId,
        p.UserId,
        p.Provider,
        p.Status,
        Money.Of(p.Amount, p.Currency),
        Money.Of(p.Captured, p.Currency),
        Money.Of(p.Refunded, p.Currency),
        p.MethodDisplay,
        p.NextAction(),
        p.FailureCode,
        p.FailureMessage,
        p.Version);

    public static PaymentAction? NextAction(this Payment p) =>
        p is { NextActionType: { } type, NextActionUrl: { } url } ? new PaymentAction(type, new Uri(url, UriKind.RelativeOrAbsolute)) : null;

    public static PaymentUpdatedIntegrationEvent ToIntegrationEvent(this Payment p, DateTimeOffset now) =>
        new(p.Id, p.OrderId, p.Status, p.Amount, p.Captured, p.Refunded, p.Currency, p.FailureCode, p.Version) { OccurredAt = now };
}
