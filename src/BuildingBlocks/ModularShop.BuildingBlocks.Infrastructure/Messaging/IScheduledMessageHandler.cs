namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Handles a module's own scheduled message when it is due (<see cref="Persistence.ModuleDbContext.Schedule"/>), in a
/// transaction of the module's DbContext that also marks it processed: exactly once, also across restarts and with
/// several host instances. The world may have moved on since it was scheduled (the order was paid, the reservation
/// confirmed): check the state and do nothing when there is nothing to do. Throw to have it retried with back-off.
/// </summary>
public interface IScheduledMessageHandler<in TMessage>
    where TMessage : ScheduledMessage
{
    Task HandleAsync(TMessage message, CancellationToken cancellationToken);
}
