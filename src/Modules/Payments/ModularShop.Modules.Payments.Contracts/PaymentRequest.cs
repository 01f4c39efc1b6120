using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Payments.Contracts;

/// <summary>A charge for an order.</summary>
/// <param name="PaymentId">The caller's id for this payment; the idempotency key of the charge (checkout uses its own id).</param>
/// <param name="OrderId">The order the money is for (it may not exist yet: checkout charges before it places the order).</param>
/// <param name="UserId">Who pays; only they may read the payment.</param>
/// <param name="Provider">A provider code from <c>/api/payments/providers</c>.</param>
/// <param name="Details">What the shopper entered (API.md <c>payment.details</c>); never stored.</param>
/// <param name="ActionBaseUrl">The shop's public base URL, for the pages a shopper is sent to (3-D Secure).</param>
public sealed record PaymentRequest(
    Guid PaymentId,
    Guid OrderId,
    Guid UserId,
    string Provider,
    Money Amount,
    IReadOnlyDictionary<string, string?> Details,
    Uri? ActionBaseUrl = null);
