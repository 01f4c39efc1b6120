using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Contracts;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>Lists a module's subscriptions and scheduled-message handlers explicitly, in its registration.</summary>
public sealed partial class SubscriptionBuilder<TContext>(IServiceCollection services)
    where TContext : ModuleDbContext
{
    /// <summary>
    /// Subscribes <typeparamref name="THandler"/> to <typeparamref name="TEvent"/> under <paramref name="name"/>, a
    /// stable, documented name (lower case, e.g. <c>cart.refresh-product-snapshots</c>, conventionally
    /// <c>&lt;module&gt;.&lt;what it does&gt;</c>). The name is the subscription's inbox key: keep it when you rename the
    /// class; a new name is a new subscription that receives only events published from then on.
    /// </summary>
    public SubscriptionBuilder<TContext> Subscribe<TEvent, THandler>(string name)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new Subscription(
            CheckName(name),
            MessageSerializer.NameOf(typeof(TEvent)),
            typeof(TEvent),
            typeof(THandler),
            typeof(TContext),
            (handler, message, ct) => ((THandler)handler).HandleAsync((TEvent)message, ct)));
        return this;
    }

    /// <summary>
    /// Handles the module's own <typeparamref name="TMessage"/> when it is due (see <c>ModuleDbContext.Schedule</c>). The
    /// subscription is named after the message's <see cref="ScheduledMessageNameAttribute"/>.
    /// </summary>
    public SubscriptionBuilder<TContext> HandleScheduled<TMessage, THandler>()
        where TMessage : ScheduledMessage
        where THandler : class, IScheduledMessageHandler<TMessage>
    {
        var name = MessageSerializer.NameOf(typeof(TMessage));
        services.AddScoped<THandler>();
        services.AddSingleton(new Subscription(
            CheckName(name),
            name,
            typeof(TMessage),
            typeof(THandler),
            typeof(TContext),
            (handler, message, ct) => ((THandler)handler).HandleAsync((TMessage)message, ct)));
        return this;
    }

    private static string CheckName(string name) =>
        name.Length <= 200 && ValidName().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid subscription name: lower-case letters and digits in words joined by '.', '-' or '_', at most 200 characters.",
                nameof(name));

    [GeneratedRegex("^[a-z0-9]+(?:[.\\-_][a-z0-9]+)*$")]
    private static partial Regex ValidName();
}
