using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Payments.Domain;

internal static class PaymentErrors
{
    public static readonly Error NotFound = Error.NotFound("payments.not_found", "There is no such payment.");

    public static readonly Error Mismatch = Error.Conflict(
        "payments.payment_mismatch", "A payment with this id exists for another amount, order, user or provider.");

    public static readonly Error NotCaptured = Error.Conflict("payments.not_captured", "Nothing of this payment was captured, so nothing can be refunded.");

    public static readonly Error PartialRefundUnsupported = Error.Conflict(
        "payments.partial_refund_unsupported", "This payment's provider can only refund everything that was captured.");

    public static readonly Error NotWaiting = Error.NotFound(
        "payments.not_waiting_for_action", "There is no payment of this provider waiting for the shopper's action here.");

    public static Error RefundExceedsCaptured(decimal left, string currency) => Error.Conflict(
        "payments.refund_exceeds_captured",
        $"At most {left.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} {currency} of this payment is left to refund.");

    public static Error ProviderRefused(string operation, string? code, string? message) => Error.Conflict(
        $"payments.{operation}_failed", $"The provider refused to {operation} ({code ?? "unknown"}): {message ?? "no reason given"}.");

    public static Error UnknownProvider(string code) =>
        Error.Validation("payment.provider", $"'{code}' is not an enabled payment provider; see GET /api/payments/providers.");
}
