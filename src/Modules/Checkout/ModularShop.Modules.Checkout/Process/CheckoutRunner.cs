using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Features.Shared;
using ModularShop.Modules.Checkout.Persistence;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Payments.Contracts;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>What a shopper asks to buy, after validation.</summary>
internal sealed record PlacementRequest(
    Guid CartId,
    CheckoutAddress ShippingAddress,
    CheckoutAddress BillingAddress,
    string ShippingMethod,
    string Provider,
    IReadOnlyDictionary<string, string?> PaymentDetails,
    Uri? ActionBaseUrl);

/// <summary>Resumes a checkout that nobody finished (scheduled when the checkout starts; decision 0010).</summary>
[ScheduledMessageName("checkout.resume")]
internal sealed record ResumeCheckout(Guid CheckoutId) : ScheduledMessage;

/// <summary>
/// Runs a checkout (decision 0010) step by step, recording each step in <c>checkout.checkouts</c> in its own commit, so
/// that a retry with the same <c>Idempotency-Key</c> — or the <see cref="ResumeCheckout"/> timer when nobody retries —
/// continues where it stopped. Each step's call to another module is idempotent by an id the process derives, so
/// repeating a step never holds stock twice, charges twice or places two orders. One runner at a time per checkout
/// (a PostgreSQL advisory lock held by the runner's own connection: a crash releases it).
/// </summary>
internal sealed partial class CheckoutRunner(
    IServiceScopeFactory scopes,
    CartPricer pricer,
    ICatalogApi catalog,
    IPaymentsApi payments,
    IOrdersApi orders,
    ICartApi carts,
    TimeProvider clock,
    IOptions<CheckoutOptions> options,
    ILogger<CheckoutRunner> logger,
    CheckoutTestHooks? hooks = null)
{
    /// <summary>First key of the two-key advisory locks of checkouts ("CHKO").</summary>
    private const int LockClass = 0x43484B4F;

    private CheckoutOptions Options => options.Value;

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Places (or continues, or answers again) the checkout of <paramref name="userId"/>'s <paramref name="idempotencyKey"/>.</summary>
    public async Task<Result<OrderDetails>> PlaceAsync(Guid userId, string idempotencyKey, PlacementRequest request, CancellationToken cancellationToken)
    {
        var id = CheckoutProcess.IdFor(userId, idempotencyKey);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        await using var hold = await CheckoutLock.TryTakeAsync(db, LockClass, id, cancellationToken);
        if (hold is null)
        {
            return Error.Conflict("checkout.in_progress", "This checkout is being placed right now; retry with the same Idempotency-Key in a moment.")
                with
            { RetryAfter = TimeSpan.FromSeconds(1) };
        }

        var process = await db.Checkouts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (process is null)
        {
            process = CheckoutProcess.Start(id, userId, request.CartId, Now);
            db.Checkouts.Add(process);
            db.Schedule(new ResumeCheckout(id), Now + Options.ResumeAfter);
            await SaveAsync(db);
        }
        else
        {
            switch (process.Step)
            {
                case CheckoutStep.Declined:
                    return Error.PaymentRequired(process.FailureCode ?? "card_declined", process.FailureMessage ?? "The payment was declined.");
                case CheckoutStep.Abandoned:
                    return CheckoutErrors.Abandoned;
                case CheckoutStep.Started or CheckoutStep.Reserved or CheckoutStep.Refused:
                    // Nothing was charged: start a new attempt with what the shopper sends now (prices may have moved).
                    await ReleaseAsync(process.ReservationId);
                    process.Restart(request.CartId, Now);
                    db.Schedule(new ResumeCheckout(id), Now + Options.ResumeAfter);
                    await SaveAsync(db);
                    break;
            }
        }

        return await AdvanceAsync(db, process, request, cancellationToken);
    }

    /// <summary>The timer's turn: finishes a paid checkout nobody finished, undoes one that was never charged.</summary>
    public async Task ResumeAsync(Guid checkoutId, Action<DateTimeOffset> resumeAgainAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CheckoutDbContext>();
        await using var hold = await CheckoutLock.TryTakeAsync(db, LockClass, checkoutId, cancellationToken);
        if (hold is null)
        {
            resumeAgainAt(Now + TimeSpan.FromMinutes(1));
            return;
        }

        var process = await db.Checkouts.SingleOrDefaultAsync(c => c.Id == checkoutId, cancellationToken);
        if (process is null || process.IsFinal || process.Step == CheckoutStep.Refused)
        {
            return;
        }

        var due = process.UpdatedAt + Options.ResumeAfter;
        if (due > Now)
        {
            // A retry (or the first request) moved it on since this timer was set: give that one its time.
            resumeAgainAt(due);
            return;
        }

        LogResuming(checkoutId, process.Step);
        var result = await AdvanceAsync(db, process, request: null, cancellationToken);
        if (!result.IsSuccess && !process.IsFinal && process.Step != CheckoutStep.Refused)
        {
            // Orders or Payments refused or failed: try again later rather than leave it half done.
            resumeAgainAt(Now + Options.ResumeAfter);
        }
    }

    /// <summary>
    /// Walks the steps from where <paramref name="process"/> stands. Without a <paramref name="request"/> (the resume
    /// timer) it cannot charge (card details are never stored): a checkout not yet charged is undone instead.
    /// </summary>
    private async Task<Result<OrderDetails>> AdvanceAsync(CheckoutDbContext db, CheckoutProcess process, PlacementRequest? request, CancellationToken cancellationToken)
    {
        if (process.Step == CheckoutStep.Started)
        {
            if (request is null)
            {
                return await AbandonAsync(db, process);
            }

            var reserved = await PriceAndReserveAsync(db, process, request, cancellationToken);
            if (!reserved.IsSuccess)
            {
                return reserved.Error;
            }
        }

        if (process.Step == CheckoutStep.Reserved)
        {
            // Only a checkout recorded by an older version stops here (reserving now moves straight on to Charging).
            if (request is null)
            {
                return await AbandonAsync(db, process);
            }

            process.MoveTo(CheckoutStep.Charging, Now);
            await SaveAsync(db);
        }

        var snapshot = CheckoutSnapshot.Deserialize(process.Snapshot!);
        PaymentSummary? payment = null;
        if (process.Step == CheckoutStep.Charging)
        {
            var charged = await ChargeAsync(db, process, snapshot, request);
            if (!charged.IsSuccess)
            {
                return charged.Error;
            }

            payment = charged.Value;
        }

        if (process.Step == CheckoutStep.Charged)
        {
            payment ??= await payments.GetAsync(process.PaymentId, CancellationToken.None)
                ?? throw new InvalidOperationException($"Checkout {process.Id} is charged but Payments has no payment {process.PaymentId}.");
            var placed = await orders.PlaceAsync(OrderFrom(process, snapshot, payment, Now + Options.PaymentTimeoutFor(snapshot.Provider)), CancellationToken.None);
            if (!placed.IsSuccess)
            {
                LogPlacementRefused(process.Id, placed.Error.Code, placed.Error.Message);
                return placed.Error;
            }

            // Not committed on its own: a crash from here repeats the placement (idempotent by the order id) and the
            // cart clean-up, from Charged.
            process.MoveTo(CheckoutStep.Placed, Now);
        }

        if (process.Step == CheckoutStep.Placed)
        {
            await carts.RemoveSoldItemsAsync(process.CartId, process.UserId, snapshot.CartItemIds, CancellationToken.None);
            process.MoveTo(CheckoutStep.Completed, Now);
            await SaveAsync(db);
        }

        return await orders.GetDetailsAsync(process.OrderId, CancellationToken.None) is { } order
            ? order
            : throw new InvalidOperationException($"Checkout {process.Id} is complete but Orders has no order {process.OrderId}.");
    }

    private async Task<Result> PriceAndReserveAsync(CheckoutDbContext db, CheckoutProcess process, PlacementRequest request, CancellationToken cancellationToken)
    {
        var priced = await pricer.PriceAsync(request.CartId, process.UserId, request.ShippingAddress, request.ShippingMethod, cancellationToken);
        if (!priced.IsSuccess)
        {
            return await RefuseAsync(db, process, priced.Error);
        }

        var snapshot = CheckoutSnapshot.Of(priced.Value, request.ShippingAddress, request.BillingAddress, request.Provider);
        var lines = snapshot.Lines.Select(l => new StockReservationLine(l.ProductId, l.VariantId, l.Quantity)).ToList();

        // Held past the payment timeout (the order's own cancel releases it then) and past the resume timer.
        var expiresAt = Now + Options.PaymentTimeoutFor(request.Provider) + Options.ResumeAfter + TimeSpan.FromMinutes(5);
        var reservation = await catalog.ReserveAsync(process.ReservationId, lines, expiresAt, CancellationToken.None);
        if (!reservation.IsSuccess)
        {
            return await RefuseAsync(db, process, reservation.Error);
        }

        if (reservation.Value.Status != StockReservationStatus.Reserved)
        {
            var problems = reservation.Value.Shortfalls.Select(s => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["code"] = s.Reason == StockShortfallReason.InsufficientStock ? "INSUFFICIENT_STOCK" : "UNAVAILABLE",
                ["productId"] = s.ProductId,
                ["variantId"] = s.VariantId,
                ["sku"] = snapshot.Lines.FirstOrDefault(l => l.ProductId == s.ProductId && l.VariantId == s.VariantId)?.Sku,
                ["requested"] = s.Requested,
                ["available"] = s.Available,
                ["message"] = s.Reason == StockShortfallReason.InsufficientStock
                    ? $"Only {s.Available} left, {s.Requested} wanted."
                    : "No longer sold.",
            }).ToList();
            return await RefuseAsync(db, process, CheckoutErrors.InsufficientStock(problems));
        }

        // One commit records the price and that the charge may start: a crash before it leaves the process at Started
        // (the timer or a retry releases the reservation by its id); after it, at Charging (Payments knows whether the
        // charge happened). The stock is held from here; the step between (Reserved) needs no commit of its own.
        process.Priced(snapshot.Serialize(), Now);
        process.MoveTo(CheckoutStep.Charging, Now);
        await SaveAsync(db);
        return Result.Success();
    }

    private async Task<Result<PaymentSummary>> ChargeAsync(CheckoutDbContext db, CheckoutProcess process, CheckoutSnapshot snapshot, PlacementRequest? request)
    {
        Result<PaymentSummary> charged;
        if (request is not null)
        {
            charged = await payments.ChargeAsync(
                new PaymentRequest(process.PaymentId, process.OrderId, process.UserId, snapshot.Provider, snapshot.Money(snapshot.Total), request.PaymentDetails, request.ActionBaseUrl),
                CancellationToken.None);
        }
        else
        {
            // The timer cannot charge (no card details): go on with a charge that happened, undo one that did not.
            var known = await payments.GetAsync(process.PaymentId, CancellationToken.None);
            if (known is null || known.Status == PaymentStatus.Pending)
            {
                if (known is not null)
                {
                    await payments.CancelAsync(known.Id, "checkout interrupted before the charge completed", CancellationToken.None);
                }

                return await AbandonAsync(db, process);
            }

            charged = known;
        }

        if (!charged.IsSuccess)
        {
            // Invalid details (400) or an unknown provider: nothing was charged; give the stock back, the shopper may retry.
            await ReleaseAsync(process.ReservationId);
            return await RefuseAsync(db, process, charged.Error);
        }

        var payment = charged.Value;
        if (payment.Status is PaymentStatus.Failed or PaymentStatus.Voided)
        {
            await ReleaseAsync(process.ReservationId);
            var code = payment.FailureCode ?? "card_declined";
            var message = payment.FailureMessage ?? "The payment was declined.";
            process.Fail(CheckoutStep.Declined, code, message, Now);
            await SaveAsync(db);
            return Error.PaymentRequired(code, message);
        }

        process.MoveTo(CheckoutStep.Charged, Now);
        await SaveAsync(db);
        return payment;
    }

    private static PlaceOrder OrderFrom(CheckoutProcess process, CheckoutSnapshot snapshot, PaymentSummary payment, DateTimeOffset dueAt) => new(
        process.OrderId,
        process.UserId,
        process.ReservationId,
        [.. snapshot.Lines.Select(l => new OrderLine(l.ProductId, l.VariantId, l.Sku, l.Name, l.VariantName, snapshot.Money(l.UnitPrice), l.Quantity, snapshot.Money(l.LineTotal)))],
        snapshot.Money(snapshot.Subtotal),
        snapshot.Money(snapshot.Tax),
        snapshot.Money(snapshot.Shipping),
        snapshot.Money(snapshot.Total),
        Address(snapshot.ShippingAddress),
        Address(snapshot.BillingAddress),
        snapshot.ShippingMethod,
        new OrderPayment(payment.Id, payment.Provider, payment.MethodDisplay ?? payment.Provider, payment.Status.ToString(), payment.NextAction?.Type, payment.NextAction?.Url, payment.Version),
        payment.Status == PaymentStatus.Captured ? null : dueAt);

    private static OrderAddress Address(CheckoutAddress a) => new(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone);

    private async Task<Error> RefuseAsync(CheckoutDbContext db, CheckoutProcess process, Error error)
    {
        process.Fail(CheckoutStep.Refused, error.Code, Truncate(error.Message), Now);
        await SaveAsync(db);
        return error;
    }

    private async Task<Error> AbandonAsync(CheckoutDbContext db, CheckoutProcess process)
    {
        await ReleaseAsync(process.ReservationId);
        process.Fail(CheckoutStep.Abandoned, CheckoutErrors.Abandoned.Code, "Interrupted before the payment completed; undone.", Now);
        await SaveAsync(db);
        LogAbandoned(process.Id);
        return CheckoutErrors.Abandoned;
    }

    /// <summary>Gives a reservation's units back; one that does not exist (never made) or was released already is fine.</summary>
    private async Task ReleaseAsync(Guid reservationId)
    {
        var released = await catalog.ReleaseAsync(reservationId, CancellationToken.None);
        if (!released.IsSuccess && released.Error.Kind != ErrorKind.NotFound)
        {
            throw new InvalidOperationException($"Releasing reservation {reservationId} failed: {released.Error.Code} {released.Error.Message}");
        }
    }

    /// <summary>Each step commits on its own, never cancelled half-way: what happened is recorded.</summary>
    private async Task SaveAsync(CheckoutDbContext db)
    {
        await db.SaveChangesAsync(CancellationToken.None);
        if (hooks?.AfterStep is { } afterStep && db.Checkouts.Local.FirstOrDefault() is { } process)
        {
            await afterStep(process.Id, process.Step);
        }
    }

    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];

    [LoggerMessage(LogLevel.Information, "Resuming checkout {CheckoutId} from step {Step}")]
    private partial void LogResuming(Guid checkoutId, CheckoutStep step);

    [LoggerMessage(LogLevel.Warning, "Checkout {CheckoutId} was abandoned before its payment completed; its stock was released")]
    private partial void LogAbandoned(Guid checkoutId);

    [LoggerMessage(LogLevel.Error, "Orders refused to place checkout {CheckoutId}: {Code} {Message}; the resume timer tries again")]
    private partial void LogPlacementRefused(Guid checkoutId, string code, string message);
}
