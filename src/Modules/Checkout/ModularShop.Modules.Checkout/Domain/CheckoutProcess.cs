using ModularShop.BuildingBlocks.Kernel;

namespace ModularShop.Modules.Checkout.Domain;

/// <summary>Where a checkout stands. Each step's effect is idempotent by an id derived from the checkout (see <see cref="CheckoutProcess"/>).</summary>
public enum CheckoutStep
{
    /// <summary>Claimed for (user, idempotency key); priced once the cart is read.</summary>
    Started,

    /// <summary>The stock is held (reservation <see cref="CheckoutProcess.ReservationId"/>).</summary>
    Reserved,

    /// <summary>The charge is under way: its outcome may be unknown after a crash (Payments knows).</summary>
    Charging,

    /// <summary>Payments answered captured, authorized, pending or requires action.</summary>
    Charged,

    /// <summary>Orders recorded the order (it owns the reservation and the payment from here).</summary>
    Placed,

    /// <summary>Done: the sold lines left the cart.</summary>
    Completed,

    /// <summary>Nothing held or charged: the cart could not be sold, or the payment details were invalid. A retry may start again.</summary>
    Refused,

    /// <summary>The payment was declined; the stock went back. Final for this key.</summary>
    Declined,

    /// <summary>Interrupted before the charge completed and never retried in time: released, nothing charged. Final for this key.</summary>
    Abandoned,
}

/// <summary>
/// One placement (decision 0010): claimed for a user's <c>Idempotency-Key</c>, it walks the steps and records each
/// one, so that a retry (or the resume timer) continues where it stopped. Everything it asks of other modules is
/// idempotent by an id derived here: the reservation and the payment per <see cref="Attempt"/> (a refused attempt
/// holds nothing, so a retry may start a new one), the order by the checkout's own id (there is only ever one).
/// </summary>
public sealed class CheckoutProcess
{
    private CheckoutProcess()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public Guid CartId { get; private set; }

    public int Attempt { get; private set; }

    public CheckoutStep Step { get; private set; }

    /// <summary>The priced order as JSON (lines, totals, addresses, method, provider): what was reserved, charged and placed.</summary>
    public string? Snapshot { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public Guid ReservationId => DerivedId.From($"reservation:{Id:N}:{Attempt}");

    public Guid PaymentId => DerivedId.From($"payment:{Id:N}:{Attempt}");

    /// <summary>The order's id: the checkout's.</summary>
    public Guid OrderId => Id;

    /// <summary>Steps after which nothing more happens for this checkout.</summary>
    public bool IsFinal => Step is CheckoutStep.Completed or CheckoutStep.Declined or CheckoutStep.Abandoned;

    /// <summary>Whether the charge may have happened (so a new attempt must not start).</summary>
    public bool MayHaveCharged => Step is CheckoutStep.Charging or CheckoutStep.Charged or CheckoutStep.Placed or CheckoutStep.Completed;

    /// <summary>The checkout of <paramref name="userId"/>'s request with <paramref name="idempotencyKey"/>: always the same id.</summary>
    public static Guid IdFor(Guid userId, string idempotencyKey) => DerivedId.From($"checkout:{userId:N}:{idempotencyKey}");

    public static CheckoutProcess Start(Guid id, Guid userId, Guid cartId, DateTimeOffset now) =>
        new() { Id = id, UserId = userId, CartId = cartId, Attempt = 1, Step = CheckoutStep.Started, CreatedAt = now, UpdatedAt = now };

    /// <summary>A new attempt after one that holds nothing (refused, or stopped before the charge).</summary>
    public void Restart(Guid cartId, DateTimeOffset now)
    {
        CartId = cartId;
        Attempt++;
        Step = CheckoutStep.Started;
        Snapshot = null;
        FailureCode = null;
        FailureMessage = null;
        UpdatedAt = now;
    }

    public void Priced(string snapshot, DateTimeOffset now)
    {
        Snapshot = snapshot;
        UpdatedAt = now;
    }

    public void MoveTo(CheckoutStep step, DateTimeOffset now)
    {
        Step = step;
        UpdatedAt = now;
    }

    public void Fail(CheckoutStep step, string code, string message, DateTimeOffset now)
    {
        Step = step;
        FailureCode = code;
        FailureMessage = message;
        UpdatedAt = now;
    }
}
