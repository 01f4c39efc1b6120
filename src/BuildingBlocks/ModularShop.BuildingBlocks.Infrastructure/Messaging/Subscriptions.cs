using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// A module's reaction to another module's integration event, in a feature file named
/// <c>{Action}On{Event}.cs</c>. It runs inside a transaction of the subscribing module's DbContext that also
/// records the message in the module's inbox, so a redelivered event has no second effect. Events may
/// arrive out of order (several relays): compare the event's version with what you stored and ignore
/// older ones. Throw to have the delivery retried with back-off.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>One subscription: which handler, in which module's DbContext, reacts to which event name.</summary>
public sealed record Subscription(
    string EventName,
    Type EventType,
    Type HandlerType,
    Type ContextType,
    Func<object, IntegrationEvent, CancellationToken, Task> Invoke)
{
    /// <summary>The handler's key in the inbox (stable: the handler's full type name).</summary>
    public string HandlerName => HandlerType.FullName ?? HandlerType.Name;
}

/// <summary>Lists a module's subscriptions explicitly, in its registration.</summary>
public sealed class SubscriptionBuilder<TContext>(IServiceCollection services)
    where TContext : ModuleDbContext
{
    public SubscriptionBuilder<TContext> Subscribe<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new Subscription(
            IntegrationEventSerializer.NameOf(typeof(TEvent)),
            typeof(TEvent),
            typeof(THandler),
            typeof(TContext),
            (handler, integrationEvent, ct) => ((THandler)handler).HandleAsync((TEvent)integrationEvent, ct)));
        return this;
    }
}

public static class SubscriptionRegistration
{
    /// <summary>
    /// The module's subscriptions, e.g.
    /// <c>services.AddSubscriptions&lt;CartDbContext&gt;(s =&gt; s.Subscribe&lt;ProductUpdatedIntegrationEvent, UpdateCartOnProductUpdated&gt;())</c>.
    /// </summary>
    public static IServiceCollection AddSubscriptions<TContext>(this IServiceCollection services, Action<SubscriptionBuilder<TContext>> subscribe)
        where TContext : ModuleDbContext
    {
        subscribe(new SubscriptionBuilder<TContext>(services));
        services.TryAddSingleton<SubscriptionRegistry>();
        return services;
    }
}

/// <summary>Every subscription of the host, by event name.</summary>
public sealed class SubscriptionRegistry(IEnumerable<Subscription> subscriptions)
{
    private readonly ILookup<string, Subscription> _byName = subscriptions.ToLookup(s => s.EventName, StringComparer.Ordinal);

    public IEnumerable<Subscription> For(string eventName) => _byName[eventName];
}
