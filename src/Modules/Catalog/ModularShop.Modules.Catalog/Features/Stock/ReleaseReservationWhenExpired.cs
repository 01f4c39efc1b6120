using ModularShop.BuildingBlocks.Infrastructure.Messaging;

namespace ModularShop.Modules.Catalog.Features.Stock;

/// <summary>Due at a reservation's <c>expiresAt</c>, scheduled in the transaction that made the reservation.</summary>
[ScheduledMessageName("catalog.reservation-expiry")]
internal sealed record ReservationExpiry(Guid ReservationId) : ScheduledMessage;

/// <summary>
/// The durable timer of stock reservations: when a reservation's time has come and it is still only reserved (not
/// confirmed, not released), its units go back to stock. Runs once, on any host instance, also after a restart.
/// </summary>
internal sealed class ReleaseReservationWhenExpired(StockReservations reservations) : IScheduledMessageHandler<ReservationExpiry>
{
    public Task HandleAsync(ReservationExpiry message, CancellationToken cancellationToken) =>
        reservations.ExpireAsync(message.ReservationId, cancellationToken);
}
