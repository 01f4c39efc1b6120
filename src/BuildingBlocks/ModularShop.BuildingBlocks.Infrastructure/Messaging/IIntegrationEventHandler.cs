using ModularShop.BuildingBlocks.Contracts;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// A module's reaction to another module's integration event, in a feature file named <c>{Action}On{Event}.cs</c>
/// and registered under a stable subscription name (<see cref="SubscriptionBuilder{TContext}.Subscribe{TEvent, THandler}"/>).
/// It runs inside a transaction of the subscribing module's DbContext that also marks the message processed in the
/// module's inbox, so a redelivered event has no second effect. Events may arrive out of order: compare the event's
/// version with what you stored and ignore older ones. Throw to have the delivery retried with back-off (throw
/// <see cref="MessageNotReadyException"/> when the event only came too early, so that it is not reported as a failure).
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
