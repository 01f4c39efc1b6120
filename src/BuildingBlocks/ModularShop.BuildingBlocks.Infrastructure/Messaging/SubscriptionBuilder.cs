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
    /// <paramref name="batchSize"/>: messages per handler transaction (default <c>Messaging:BatchSize</c>); pass 1 when the
    /// handler takes locks (rows, advisory locks), so one transaction never holds the locks of several messages.
    /// </summary>
    public SubscriptionBuilder<TContext> Subscribe<TEvent, THandler>(string name, int? batchSize = null)
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
            (handler, message, ct) => ((THandler)handler).HandleAsync((TEvent)message, ct),
            CheckBatchSize(batchSize)));
        return this;
    }

    /// <summary>
    /// Handles the module's own <typeparamref name="TMessage"/> when it is due (see <c>ModuleDbContext.Schedule</c>). The
    /// subscription is named after the message's <see cref="ScheduledMessageNameAttribute"/>. <paramref name="batchSize"/>
    /// as for <see cref="Subscribe{TEvent, THandler}"/>.
    /// </summary>
    public SubscriptionBuilder<TContext> HandleScheduled<TMessage, THandler>(int? batchSize = null)
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
            (handler, message, ct) => ((THandler)handler).HandleAsync((TMessage)message, ct),
            CheckBatchSize(batchSize)));
        return this;
    }

    private static int? CheckBatchSize(int? batchSize) =>
        batchSize is null or (> 0 and <= 10_000)
            ? batchSize
            : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "A subscription's batch size is between 1 and 10000.");

    private static string CheckName(string name) =>
        name.Length <= 200 && ValidName().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"'{name}' is not a valid subscription name: lower-case letters and digits in words joined by '.', '-' or '_', at most 200 characters.",
                nameof(name));

    [GeneratedRegex("^[a-z0-9]+(?:[.\\-_][a-z0-9]+)*$")]
    private static partial Regex ValidName();
}
