using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Payments.Domain;

/// <summary>
/// A payment for an order, in the shop's terms: its status (moved only along <see cref="PaymentTransitions"/>), what
/// was captured and refunded, and a log of what happened (<see cref="Events"/>). Every status change bumps
/// <see cref="Version"/> and appends an event; an event that may not move the status is only logged. Nothing secret is
/// kept: the method is its display (<c>Visa •••• 4242</c>).
/// </summary>
internal sealed class Payment
{
    private readonly List<PaymentEvent> _events = [];

    private Payment()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public Guid UserId { get; private set; }

    public string Provider { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public decimal Captured { get; private set; }

    public decimal Refunded { get; private set; }

    public string? MethodDisplay { get; private set; }

    /// <summary>The provider's reference; null while the provider has not answered the charge yet.</summary>
    public string? ProviderReference { get; private set; }

    public string? NextActionType { get; private set; }

    /// <summary>Offline payments: what the shopper must do to pay (shown at <see cref="NextActionUrl"/>).</summary>
    public string? Instructions { get; private set; }

    public string? NextActionUrl { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Reconciliation last asked the provider about this waiting payment (so the oldest-asked go first).</summary>
    public DateTimeOffset? LookedUpAt { get; private set; }

    /// <summary>Reconciliation saw this captured payment's order (it is then never checked again).</summary>
    public DateTimeOffset? OrderSeenAt { get; private set; }

    /// <summary>Reconciliation found this payment captured without an order (money taken, nothing sold): an admin must act.</summary>
    public DateTimeOffset? UnmatchedSince { get; private set; }

    public IReadOnlyList<PaymentEvent> Events => _events;

    public Money AmountMoney => Money.Of(Amount, Currency);

    /// <summary>What is captured and not yet refunded.</summary>
    public decimal Refundable => Captured - Refunded;

    /// <summary>Whether the provider answered the charge (false: a caller crashed or is still waiting for it).</summary>
    public bool ProviderAnswered => ProviderReference is not null;

    /// <summary><see cref="NextActionType"/> of an offline payment: its instructions are at <see cref="NextActionUrl"/>.</summary>
    public const string InstructionsAction = "instructions";

    public static Payment Start(Guid id, Guid orderId, Guid userId, string provider, Money amount, DateTimeOffset now)
    {
        var payment = new Payment
        {
            Id = id,
            OrderId = orderId,
            UserId = userId,
            Provider = provider,
            Status = PaymentStatus.Pending,
            Amount = amount.Amount,
            Currency = amount.Currency,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        payment._events.Add(PaymentEvent.Create(id, "charge.requested", PaymentStatus.Pending, amount.Amount, null, now));
        return payment;
    }

    /// <summary>Whether a repeat of the charge asks for the same thing.</summary>
    public bool Matches(Guid orderId, Guid userId, string provider, Money amount) =>
        OrderId == orderId && UserId == userId && Provider == provider && Amount == amount.Amount && Currency == amount.Currency;

    /// <summary>The provider answered the charge: records its reference and how the method is shown.</summary>
    public void Answered(string? providerReference, string? methodDisplay)
    {
        ProviderReference = providerReference is null ? string.Empty : Cut(providerReference, PaymentLimits.ProviderReference);
        MethodDisplay = methodDisplay is null ? null : Cut(methodDisplay, PaymentLimits.MethodDisplay);
    }

    public bool Capture(string eventType, string? providerEventId, DateTimeOffset now)
    {
        if (!Move(PaymentStatus.Captured, eventType, Amount, providerEventId, now))
        {
            return false;
        }

        Captured = Amount;
        NextActionType = NextActionUrl = null;
        return true;
    }

    public bool Authorize(string eventType, DateTimeOffset now) => Move(PaymentStatus.Authorized, eventType, Amount, null, now);

    public bool RequireAction(string type, string url, DateTimeOffset now)
    {
        if (!Move(PaymentStatus.RequiresAction, "action.required", Amount, null, now))
        {
            return false;
        }

        NextActionType = Cut(type, PaymentLimits.NextActionType);
        NextActionUrl = Cut(url, PaymentLimits.NextActionUrl);
        return true;
    }

    public bool Fail(string eventType, string? code, string? message, string? providerEventId, DateTimeOffset now)
    {
        if (!Move(PaymentStatus.Failed, eventType, Amount, providerEventId, now))
        {
            return false;
        }

        FailureCode = code is null ? null : Cut(code, PaymentLimits.FailureCode);
        FailureMessage = message is null ? null : Cut(message, PaymentLimits.FailureMessage);
        NextActionType = NextActionUrl = null;
        return true;
    }

    public bool Void(DateTimeOffset now)
    {
        if (!Move(PaymentStatus.Voided, "void", Amount, null, now))
        {
            return false;
        }

        NextActionType = NextActionUrl = null;
        return true;
    }

    /// <summary>Gives back <paramref name="amount"/> (positive, at most <see cref="Refundable"/>: the caller checked).</summary>
    public bool Refund(decimal amount, DateTimeOffset now)
    {
        if (amount <= 0 || amount > Refundable)
        {
            return false;
        }

        var after = Refunded + amount == Captured ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded;
        if (!Move(after, "refund", amount, null, now))
        {
            return false;
        }

        Refunded += amount;
        return true;
    }

    /// <summary>Something happened that does not move the status (a late or informational event): logged only.</summary>
    public void Log(string eventType, decimal? amount, string? providerEventId, DateTimeOffset now) =>
        _events.Add(PaymentEvent.Create(Id, eventType, Status, amount, providerEventId, now));

    /// <summary>An offline payment waits for money that arrives outside the shop: the shopper is shown
    /// <paramref name="instructions"/> (bank details, the reference to quote) at <paramref name="url"/>.</summary>
    public void AwaitOffline(string instructions, string url, DateTimeOffset now)
    {
        Instructions = Cut(instructions, PaymentLimits.Instructions);
        NextActionType = InstructionsAction;
        NextActionUrl = Cut(url, PaymentLimits.NextActionUrl);
        StillPending(now);
    }

    /// <summary>Reconciliation: the order of this captured payment exists.</summary>
    public void OrderSeen(DateTimeOffset now)
    {
        OrderSeenAt = now;
        UnmatchedSince = null;
    }

    /// <summary>Reconciliation: captured, and still no order; true the first time (to report it once).</summary>
    public bool FlagUnmatched(DateTimeOffset now)
    {
        if (UnmatchedSince is not null)
        {
            return false;
        }

        UnmatchedSince = now;
        _events.Add(PaymentEvent.Create(Id, "reconciled.unmatched", Status, Captured, null, now));
        return true;
    }

    /// <summary>The provider answered the charge without moving it (an offline payment waits for the money).</summary>
    public void StillPending(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        _events.Add(PaymentEvent.Create(Id, "charge.pending", Status, Amount, null, now));
    }

    private bool Move(PaymentStatus to, string eventType, decimal? amount, string? providerEventId, DateTimeOffset now)
    {
        if (!PaymentTransitions.CanMove(Status, to))
        {
            return false;
        }

        Status = to;
        Version++;
        UpdatedAt = now;
        _events.Add(PaymentEvent.Create(Id, eventType, to, amount, providerEventId, now));
        return true;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
