using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Domain.Stock;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Stock;

/// <summary>
/// Stock reservations for checkout (<see cref="ICatalogApi.ReserveAsync"/> and friends): all-or-nothing holds over
/// several products and variants, idempotent by the caller's reservation id, confirmed when sold, released (units back
/// exactly once) when a payment fails or an order is cancelled, and released by a durable timer
/// (<see cref="ReservationExpiry"/>) when nobody confirmed them in time. Each call is one transaction (or joins the
/// caller's, e.g. the scheduled expiry's) that locks the reservation, then its products, then its variants.
/// </summary>
internal sealed class StockReservations(CatalogDbContext db, StockLevels stock, TimeProvider clock)
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 1_000_000;

    /// <summary>The longest a reservation may hold units: a checkout, not a warehouse allocation.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromDays(7);

    public async Task<Result<StockReservation>> ReserveAsync(
        Guid reservationId, IReadOnlyList<StockReservationLine> lines, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (Invalid(reservationId, lines, expiresAt, now) is { } invalid)
        {
            return invalid;
        }

        var merged = ReservationLine.Merge(lines.Select(l => new ReservationLine(l.ProductId, l.VariantId, l.Quantity)));
        await using var transaction = await BeginOrJoinAsync(cancellationToken);

        // One caller at a time per reservation id: a repeat waits for the first to commit, then finds its outcome.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended('catalog.reservation:' || {reservationId.ToString()}, 0))", cancellationToken);
        var existing = await db.StockReservations.SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
        if (existing is not null)
        {
            return existing.IsFor(merged)
                ? ToContract(existing)
                : Error.Conflict("catalog.reservation_mismatch", "This reservation id was already used for other lines. Use a new id for a new reservation.");
        }

        var products = await stock.LockProductsAsync(merged.Select(l => l.ProductId), cancellationToken);
        var variants = await stock.LockVariantsAsync(merged.Where(l => l.VariantId is not null).Select(l => l.VariantId!.Value), cancellationToken);
        var shortfalls = merged.Select(l => Shortfall(l, products, variants)).OfType<StockShortfall>().ToList();

        Reservation reservation;
        if (shortfalls.Count > 0)
        {
            // Nothing is held; the refusal is remembered, so a repeat answers the same.
            reservation = Reservation.Refuse(reservationId, merged, shortfalls, expiresAt, now);
        }
        else
        {
            await stock.AdjustAsync([.. merged.Select(l => new StockDelta(l.ProductId, l.VariantId, -l.Quantity))], cancellationToken);
            reservation = Reservation.Reserve(reservationId, merged, expiresAt, now);
            db.Schedule(new ReservationExpiry(reservationId), expiresAt);
            await stock.PublishAsync(merged.Select(l => l.ProductId), cancellationToken);
        }

        db.StockReservations.Add(reservation);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return ToContract(reservation);
    }

    public async Task<Result<StockReservation>> ConfirmAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginOrJoinAsync(cancellationToken);
        var reservation = await LockAsync(reservationId, cancellationToken);
        if (reservation is null)
        {
            return NotFound;
        }

        var confirmed = reservation.Confirm(clock.GetUtcNow());
        if (!confirmed.IsSuccess)
        {
            return confirmed.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return ToContract(reservation);
    }

    public async Task<Result<StockReservation>> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) =>
        await ReleaseAsync(reservationId, expiry: false, cancellationToken) is { } released ? ToContract(released) : NotFound;

    /// <summary>The scheduled expiry: releases the reservation if it is still only reserved and its time has come.</summary>
    public async Task ExpireAsync(Guid reservationId, CancellationToken cancellationToken) =>
        await ReleaseAsync(reservationId, expiry: true, cancellationToken);

    public async Task<StockReservation?> GetAsync(Guid reservationId, CancellationToken cancellationToken) =>
        await db.StockReservations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken) is { } found
            ? ToContract(found)
            : null;

    private async Task<Reservation?> ReleaseAsync(Guid reservationId, bool expiry, CancellationToken cancellationToken)
    {
        await using var transaction = await BeginOrJoinAsync(cancellationToken);
        var reservation = await LockAsync(reservationId, cancellationToken);
        if (reservation is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (expiry && reservation.Status == StockReservationStatus.Reserved && now < reservation.ExpiresAt)
        {
            // This host's clock is behind the one that scheduled it: look again at the expiry time.
            db.Schedule(new ReservationExpiry(reservationId), reservation.ExpiresAt);
        }
        else if ((!expiry || reservation.IsExpiredAt(now)) && reservation.Release(now, expired: expiry))
        {
            await ReturnUnitsAsync(reservation, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
        return reservation;
    }

    /// <summary>
    /// Puts the reservation's units back. A variant removed since (or a product that got variants since) has nowhere
    /// to take its units back: those units are dropped, as the removal dropped the variant's own stock.
    /// </summary>
    private async Task ReturnUnitsAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        var products = await stock.LockProductsAsync(reservation.Lines.Select(l => l.ProductId), cancellationToken);
        var variants = await stock.LockVariantsAsync(reservation.Lines.Where(l => l.VariantId is not null).Select(l => l.VariantId!.Value), cancellationToken);
        var returned = reservation.Lines
            .Where(l => l.VariantId is { } variantId
                ? variants.TryGetValue(variantId, out var variant) && variant.ProductId == l.ProductId
                : products.TryGetValue(l.ProductId, out var product) && !product.HasVariants)
            .Select(l => new StockDelta(l.ProductId, l.VariantId, l.Quantity))
            .ToList();
        await stock.AdjustAsync(returned, cancellationToken);
        await stock.PublishAsync(returned.Select(d => d.ProductId), cancellationToken);
    }

    /// <summary>The reservation, locked until the transaction ends (a statement of its own, then the load, which sees what the lock waited for).</summary>
    private async Task<Reservation?> LockAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        var locked = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM catalog.stock_reservations WHERE id = {reservationId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.Count == 0 ? null : await db.StockReservations.SingleAsync(r => r.Id == reservationId, cancellationToken);
    }

    private static StockShortfall? Shortfall(
        ReservationLine line, IReadOnlyDictionary<Guid, LockedProduct> products, IReadOnlyDictionary<Guid, LockedVariant> variants)
    {
        if (!products.TryGetValue(line.ProductId, out var product))
        {
            return new StockShortfall(line.ProductId, line.VariantId, line.Quantity, 0, StockShortfallReason.NotFound);
        }

        if (line.VariantId is { } variantId)
        {
            if (!variants.TryGetValue(variantId, out var variant) || variant.ProductId != line.ProductId)
            {
                return new StockShortfall(line.ProductId, line.VariantId, line.Quantity, 0, StockShortfallReason.NotFound);
            }

            return product.Archived
                ? new StockShortfall(line.ProductId, line.VariantId, line.Quantity, variant.Stock, StockShortfallReason.Unavailable)
                : variant.Stock < line.Quantity
                    ? new StockShortfall(line.ProductId, line.VariantId, line.Quantity, variant.Stock, StockShortfallReason.InsufficientStock)
                    : null;
        }

        if (product.Archived || product.HasVariants)
        {
            return new StockShortfall(line.ProductId, null, line.Quantity, product.Stock, StockShortfallReason.Unavailable);
        }

        return product.Stock < line.Quantity
            ? new StockShortfall(line.ProductId, null, line.Quantity, product.Stock, StockShortfallReason.InsufficientStock)
            : null;
    }

    private static Error? Invalid(Guid reservationId, IReadOnlyList<StockReservationLine> lines, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (reservationId == Guid.Empty)
        {
            return Error.Validation("reservationId", "Must not be empty.");
        }

        if (lines.Count is 0 or > MaxLines)
        {
            return Error.Validation("lines", $"Must hold 1 to {MaxLines} lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Quantity is < 1 or > MaxQuantity)
            {
                return Error.Validation($"lines[{i}].quantity", $"Must be between 1 and {MaxQuantity}.");
            }

            if (lines[i].ProductId == Guid.Empty || lines[i].VariantId == Guid.Empty)
            {
                return Error.Validation($"lines[{i}]", "Product and variant ids must not be empty.");
            }
        }

        return expiresAt <= now || expiresAt > now + MaxHold
            ? Error.Validation("expiresAt", $"Must be in the future, at most {MaxHold.TotalDays:0} days ahead.")
            : null;
    }

    private static readonly Error NotFound = Error.NotFound("catalog.reservation_not_found", "No stock reservation has this id.");

    private static StockReservation ToContract(Reservation r) => new(
        r.Id,
        r.Status,
        [.. r.Lines.Select(l => new StockReservationLine(l.ProductId, l.VariantId, l.Quantity))],
        r.Shortfalls,
        r.ExpiresAt);

    /// <summary>
    /// A transaction of our own, or the caller's when one runs (the scheduled expiry runs in the dispatcher's): then its
    /// owner commits. Every method here checks before it writes, as joining requires.
    /// </summary>
    private Task<IDbContextTransaction> BeginOrJoinAsync(CancellationToken cancellationToken) =>
        db.Database.BeginOrJoinTransactionAsync(cancellationToken);
}
