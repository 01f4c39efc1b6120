using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Payments.Domain;

/// <summary>
/// The payment state machine of API.md as one table: <c>Pending</c> → <c>RequiresAction</c> → <c>Authorized</c> →
/// <c>Captured</c> → <c>PartiallyRefunded</c>/<c>Refunded</c>; <c>Failed</c>; <c>Voided</c>. Any move not listed is
/// refused, so an event that arrives late (an "action required" after "succeeded") cannot take a payment back.
/// </summary>
internal static class PaymentTransitions
{
    private static readonly Dictionary<PaymentStatus, PaymentStatus[]> Allowed = new()
    {
        [PaymentStatus.Pending] = [PaymentStatus.RequiresAction, PaymentStatus.Authorized, PaymentStatus.Captured, PaymentStatus.Failed, PaymentStatus.Voided],
        [PaymentStatus.RequiresAction] = [PaymentStatus.Authorized, PaymentStatus.Captured, PaymentStatus.Failed, PaymentStatus.Voided],
        [PaymentStatus.Authorized] = [PaymentStatus.Captured, PaymentStatus.Voided],
        [PaymentStatus.Captured] = [PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded],
        [PaymentStatus.PartiallyRefunded] = [PaymentStatus.PartiallyRefunded, PaymentStatus.Refunded],
        [PaymentStatus.Refunded] = [],
        [PaymentStatus.Failed] = [],
        [PaymentStatus.Voided] = [],
    };

    public static bool CanMove(PaymentStatus from, PaymentStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Statuses nothing can leave.</summary>
    public static bool IsFinal(PaymentStatus status) => Allowed[status].Length == 0;

    /// <summary>Every status and where it may go (for docs and tests).</summary>
    public static IReadOnlyDictionary<PaymentStatus, PaymentStatus[]> Table => Allowed;
}
