using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;

namespace ModularShop.Modules.Catalog.Domain.Stock;

/// <summary>
/// Units of one or more products/variants held for a checkout: all of its lines or none (<see cref="StockReservationStatus.Refused"/>,
/// with the shortfalls). A reservation is <see cref="StockReservationStatus.Reserved"/> until it is confirmed (sold),
/// released (units back) or expires (units back, by its scheduled expiry). Confirmed units can still be released (an
/// order cancelled before shipping). Units return at most once: only a transition out of Reserved or Confirmed into
/// Released or Expired returns them. Keyed by the caller's id, so a repeated reserve finds the first outcome.
/// </summary>
public sealed class Reservation
{
    private readonly List<ReservationLine> _lines = [];

    private Reservation()
    {
        Shortfalls = [];
    }

    public Guid Id { get; private set; }

    public StockReservationStatus Status { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<ReservationLine> Lines => _lines;

    /// <summary>Why a refused reservation was refused (empty otherwise).</summary>
    public List<StockShortfall> Shortfalls { get; private set; }

    /// <summary>Whether the units of this reservation are taken from stock now (reserved or sold).</summary>
    public bool HoldsUnits => Status is StockReservationStatus.Reserved or StockReservationStatus.Confirmed;

    public static Reservation Reserve(Guid id, IReadOnlyList<ReservationLine> lines, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var reservation = New(id, expiresAt, now, StockReservationStatus.Reserved);
        reservation._lines.AddRange(lines);
        return reservation;
    }

    public static Reservation Refuse(Guid id, IReadOnlyList<ReservationLine> lines, IReadOnlyList<StockShortfall> shortfalls, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var reservation = New(id, expiresAt, now, StockReservationStatus.Refused);
        reservation._lines.AddRange(lines);
        reservation.Shortfalls = [.. shortfalls];
        return reservation;
    }

    /// <summary>Whether <paramref name="lines"/> (merged the same way) are the lines this reservation was made for.</summary>
    public bool IsFor(IReadOnlyList<ReservationLine> lines) =>
        lines.Count == _lines.Count
        && lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId)
            .SequenceEqual(_lines.OrderBy(l => l.ProductId).ThenBy(l => l.VariantId));

    /// <summary>Sold: the units stay taken for good. Allowed while reserved (also past <see cref="ExpiresAt"/> if the expiry has not run: the units are still held); idempotent.</summary>
    public Result Confirm(DateTimeOffset now)
    {
        switch (Status)
        {
            case StockReservationStatus.Confirmed:
                return Result.Success();
            case StockReservationStatus.Reserved:
                Status = StockReservationStatus.Confirmed;
                UpdatedAt = now;
                return Result.Success();
            case StockReservationStatus.Expired:
                return Error.Conflict("catalog.reservation_expired", "The reservation expired and its units went back to stock.");
            case StockReservationStatus.Refused:
                return Error.Conflict("catalog.reservation_refused", "The reservation was refused: it holds no units.");
            default:
                return Error.Conflict("catalog.reservation_released", "The reservation was released: it holds no units.");
        }
    }

    /// <summary>
    /// Gives the units back: returns true when this call is the one that must return them (the reservation held units);
    /// false when it holds none (already released or expired, or refused), so a repeated release changes nothing.
    /// </summary>
    public bool Release(DateTimeOffset now, bool expired)
    {
        if (!HoldsUnits)
        {
            return false;
        }

        Status = expired ? StockReservationStatus.Expired : StockReservationStatus.Released;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Whether the expiry should release it now: still only reserved (not confirmed) and its time has come.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => Status == StockReservationStatus.Reserved && now >= ExpiresAt;

    private static Reservation New(Guid id, DateTimeOffset expiresAt, DateTimeOffset now, StockReservationStatus status) => new()
    {
        Id = id,
        Status = status,
        ExpiresAt = expiresAt,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
