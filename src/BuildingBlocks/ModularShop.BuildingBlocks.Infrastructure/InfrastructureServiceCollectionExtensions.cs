using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularShop.BuildingBlocks.Infrastructure.Http;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;

namespace ModularShop.BuildingBlocks.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// Start-up migrations (advisory-locked), the outbox relay and inbox dispatcher, the readiness checks
    /// (database, dead outbox messages) and database conflict mapping.
    /// </summary>
    public static IServiceCollection AddBuildingBlocksInfrastructure(this IServiceCollection services)
    {
        // Registered first: migrations finish before the relay (a later hosted service) starts.
        services.AddHostedService<MigrationRunner>();
        services.AddMessaging();
        services.AddIdempotency();
        services.AddExceptionHandler<DatabaseExceptionHandler>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<MessagingHealthCheck>("messaging", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// What <c>WithIdempotency&lt;TContext&gt;()</c> needs: the per-request store on each module schema's
    /// <c>idempotency_keys</c> table, its settings (section <c>Idempotency</c>) and the hourly housekeeping.
    /// </summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.Retention >= TimeSpan.FromHours(24), "Idempotency:Retention must be at least 24 hours (API.md).")
            .Validate(o => o.InFlightTimeout > TimeSpan.Zero && o.HousekeepingInterval > TimeSpan.Zero, "Invalid Idempotency settings.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped(typeof(ModuleIdempotencyStore<>));
        services.AddHostedService<IdempotencyHousekeeping>();
        return services;
    }

    /// <summary>
    /// The messaging pipeline: the outbox relay and one delivery loop per subscription (the <see cref="MessagePump"/>, a
    /// hosted service, <c>Messaging:RelayEnabled</c>) and what they need.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section)
            .Validate(o => o.BatchSize is > 0 and <= 10_000 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero, "Invalid Messaging settings.")
            .Validate(o => o.RetryBaseDelay > TimeSpan.Zero && o.RetryMaxDelay > TimeSpan.Zero, "Messaging:RetryBaseDelay and RetryMaxDelay must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new ShopDataSource(
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ModuleDbContextRegistration.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ModuleDbContextRegistration.ConnectionStringName} is not configured.")));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SubscriptionRegistry>();
        services.TryAddSingleton<InboxDispatcher>();
        services.TryAddSingleton<MessagingSignals>();
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<OutboxRelay>();
        services.TryAddSingleton<MessagePump>();
        services.AddHostedService(sp => sp.GetRequiredService<MessagePump>());
        return services;
    }
}
