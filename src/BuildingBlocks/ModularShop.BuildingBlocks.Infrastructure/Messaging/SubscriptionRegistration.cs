using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;

namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

public static class SubscriptionRegistration
{
    /// <summary>
    /// The module's subscriptions and scheduled-message handlers, e.g.
    /// <c>services.AddSubscriptions&lt;CartDbContext&gt;(s =&gt; s.Subscribe&lt;ProductUpdatedIntegrationEvent, RefreshProductOnProductUpdated&gt;("cart.refresh-product-snapshots"))</c>.
    /// </summary>
    public static IServiceCollection AddSubscriptions<TContext>(this IServiceCollection services, Action<SubscriptionBuilder<TContext>> subscribe)
        where TContext : ModuleDbContext
    {
        subscribe(new SubscriptionBuilder<TContext>(services));
        services.TryAddSingleton<SubscriptionRegistry>();
        return services;
    }
}
