using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Orders.Domain;

/// <summary>
/// An order: what was sold (item snapshots), for how much (totals as checkout quoted them), to whom and where, how it
/// is paid (a copy of its payment) and where it stands (<see cref="Status"/>, moved only through
/// <see cref="OrderTransitions"/>, each move recorded in <see cref="History"/>). It owns its stock reservation
/// (<see cref="ReservationId"/>) and its payment.
/// </summary>
internal sealed class Order
{
    public const string RefundExceedsCapturedCode = "orders.refund_exceeds_captured";

    private readonly List<OrderItem> _items = [];
    private readonly List<OrderHistoryStep> _history = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary><c>MS-100001</c>, …: from a database sequence, unique.</summary>
    public string Number { get; private set; } = string.Empty;

    public Guid UserId { get; private set; }

    public OrderStatus Status { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public decimal Subtotal { get; private set; }

    public decimal Tax { get; private set; }

    public decimal Shipping { get; private set; }

    public decimal Total { get; private set; }

    /// <summary>What has been given back so far.</summary>
    public decimal Refunded { get; private set; }

    public PostalAddress ShippingAddress { get; private set; } = null!;

    public PostalAddress BillingAddress { get; private set; } = null!;

    public string ShippingMethod { get; private set; } = string.Empty;

    public Guid PaymentId { get; private set; }

    public string PaymentProvider { get; private set; } = string.Empty;

    public string PaymentDisplay { get; private set; } = string.Empty;

    public string PaymentStatus { get; private set; } = string.Empty;

    public string? PaymentNextActionType { get; private set; }

    public string? PaymentNextActionUrl { get; private set; }

    public long PaymentVersion { get; private set; }

    public Guid ReservationId { get; private set; }

    /// <summary>For an order awaiting its payment: when it is cancelled if still unpaid.</summary>
    public DateTimeOffset? PaymentDueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Grows with every change (1 when placed).</summary>
    public long Version { get; private set; }

    public IReadOnlyList<OrderItem> Items => _items;

    public IReadOnlyList<OrderHistoryStep> History => _history;

    public Money TotalMoney => Money.Of(Total, Currency);

    public Money RefundedMoney => Money.Of(Refunded, Currency);

    /// <summary>Captured and not yet given back.</summary>
    public Money Refundable => Money.Of(Total - Refunded, Currency);

    /// <summary>
    /// A new order, <see cref="OrderStatus.Paid"/> when <paramref name="paid"/>, else <see cref="OrderStatus.AwaitingPayment"/>.
    /// Fails with a validation error when there are no lines, a line's total is not its unit price times its quantity, the
    /// lines do not add up to <paramref name="subtotal"/>, or subtotal, tax and shipping do not add up to <paramref name="total"/>.
    /// </summary>
    public static Result<Order> Place(
        Guid id,
        string number,
        Guid userId,
        Guid reservationId,
        IReadOnlyList<OrderItemSnapshot> lines,
        Money subtotal,
        Money tax,
        Money shipping,
        Money total,
        PostalAddress shippingAddress,
        PostalAddress billingAddress,
        string shippingMethod,
        OrderPaymentCopy payment,
        bool paid,
        DateTimeOffset? paymentDueAt,
        DateTimeOffset now)
    {
        if (CheckTotals(lines, subtotal, tax, shipping, total) is { } error)
        {
            return error;
        }

        var order = new Order
        {
            Id = id,
            Number = number,
            UserId = userId,
            Status = paid ? OrderStatus.Paid : OrderStatus.AwaitingPayment,
            Currency = total.Currency,
            Subtotal = subtotal.Amount,
            Tax = tax.Amount,
            Shipping = shipping.Amount,
            Total = total.Amount,
            ShippingAddress = shippingAddress,
            BillingAddress = billingAddress,
            ShippingMethod = shippingMethod,
            ReservationId = reservationId,
            PaymentDueAt = paid ? null : paymentDueAt,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        order.SetPayment(payment);
        for (var i = 0; i < lines.Count; i++)
        {
            order._items.Add(OrderItem.Create(id, i + 1, lines[i]));
        }

        order.Record(order.Status, now, paid ? "payment captured" : "awaiting payment");
        return order;
    }

    /// <summary>Why the lines and totals do not agree, or null when they do.</summary>
    public static Error? CheckTotals(IReadOnlyList<OrderItemSnapshot> lines, Money subtotal, Money tax, Money shipping, Money total)
    {
        if (lines.Count == 0)
        {
            return Error.Validation("lines", "An order has at least one line.");
        }

        if (new[] { subtotal, tax, shipping }.Any(m => m.Currency != total.Currency)
            || lines.Any(l => l.UnitPrice.Currency != total.Currency || l.LineTotal.Currency != total.Currency))
        {
            return Error.Validation("total", "Every amount of an order is in one currency.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Quantity < 1 || line.UnitPrice.IsNegative || line.LineTotal != line.UnitPrice.Times(line.Quantity))
            {
                return Error.Validation($"lines[{i}].lineTotal", "Must be the unit price times a quantity of at least 1.");
            }
        }

        if (Money.Sum(lines.Select(l => l.LineTotal), total.Currency) != subtotal)
        {
            return Error.Validation("subtotal", "Must be the sum of the lines' totals.");
        }

        if (tax.IsNegative || shipping.IsNegative || subtotal + tax + shipping != total)
        {
            return Error.Validation("total", "Must be subtotal + tax + shipping.");
        }

        return total.IsStorable ? null : Error.Validation("total", $"Must not exceed {Money.MaxAmount}.");
    }

    /// <summary>The payment was captured: <c>AwaitingPayment → Paid</c>.</summary>
    public Result MarkPaid(DateTimeOffset now) => MoveTo(OrderStatus.Paid, now, "payment captured");

    public Result Cancel(string reason, DateTimeOffset now) => MoveTo(OrderStatus.Cancelled, now, reason);

    public Result Ship(DateTimeOffset now) => MoveTo(OrderStatus.Shipped, now, null);

    public Result Deliver(DateTimeOffset now) => MoveTo(OrderStatus.Delivered, now, null);

    /// <summary>
    /// Whether <paramref name="amount"/> (null: all that is left) may be refunded now: the order is <c>Paid</c>,
    /// <c>Shipped</c> or <c>Delivered</c> (else 409 <c>orders.invalid_transition</c>), the amount is positive and at most
    /// what was captured and not yet refunded (else 409 <c>orders.refund_exceeds_captured</c>). Answers the amount.
    /// </summary>
    public Result<Money> CheckRefund(Money? amount)
    {
        if (!OrderTransitions.IsAllowed(Status, OrderStatus.Refunded))
        {
            return OrderTransitions.Invalid(Status, OrderStatus.Refunded);
        }

        var refund = amount ?? Refundable;
        if (refund.Currency != Currency)
        {
            return Error.Validation("amount", $"Must be in {Currency}.");
        }

        if (refund.IsZero || refund.IsNegative)
        {
            return Refundable.IsZero
                ? Error.Conflict(RefundExceedsCapturedCode, "Everything captured has been refunded already.")
                : Error.Validation("amount", "Must be greater than 0.");
        }

        return refund > Refundable
            ? Error.Conflict(RefundExceedsCapturedCode, $"At most {Refundable} can be refunded ({RefundedMoney} of {TotalMoney} already was).")
            : refund;
    }

    /// <summary>
    /// Records a refund (checked by <see cref="CheckRefund"/>): a partial one keeps the status and adds a history entry;
    /// the one that gives back the rest moves the order to <c>Refunded</c>. Answers whether the order is now fully refunded.
    /// </summary>
    public Result<bool> Refund(Money amount, string reason, DateTimeOffset now)
    {
        var check = CheckRefund(amount);
        if (!check.IsSuccess)
        {
            return check.Error;
        }

        Refunded += amount.Amount;
        if (Refunded < Total)
        {
            Record(Status, now, reason, amount.Amount);
            Touch(now);
            return false;
        }

        Status = OrderStatus.Refunded;
        Record(Status, now, reason, amount.Amount);
        Touch(now);
        return true;
    }

    /// <summary>
    /// Takes Payments' report of the payment when it is newer than the copy (<paramref name="payment"/>'s version);
    /// answers whether it did. Nothing but the copy changes.
    /// </summary>
    public bool ApplyPayment(OrderPaymentCopy payment, DateTimeOffset now)
    {
        if (payment.PaymentId != PaymentId || payment.Version <= PaymentVersion)
        {
            return false;
        }

        SetPayment(payment with { Display = string.IsNullOrEmpty(payment.Display) ? PaymentDisplay : payment.Display });
        Touch(now);
        return true;
    }

    /// <summary>A history entry that changes nothing else (e.g. money that arrived after a cancel was given back).</summary>
    public void Note(string reason, DateTimeOffset now)
    {
        Record(Status, now, reason);
        Touch(now);
    }

    private Result MoveTo(OrderStatus to, DateTimeOffset now, string? reason)
    {
        var check = OrderTransitions.Check(Status, to);
        if (!check.IsSuccess)
        {
            return check;
        }

        Status = to;
        if (to != OrderStatus.AwaitingPayment)
        {
            PaymentDueAt = null;
        }

        Record(to, now, reason);
        Touch(now);
        return Result.Success();
    }

    private void SetPayment(OrderPaymentCopy payment)
    {
        PaymentId = payment.PaymentId;
        PaymentProvider = payment.Provider;
        PaymentDisplay = payment.Display;
        PaymentStatus = payment.Status;
        PaymentNextActionType = payment.NextActionType;
        PaymentNextActionUrl = payment.NextActionUrl;
        PaymentVersion = payment.Version;
    }

    private void Record(OrderStatus status, DateTimeOffset at, string? reason, decimal? amount = null) =>
        _history.Add(OrderHistoryStep.Create(Id, _history.Count + 1, status, at, reason, amount));

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
