using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Payments.Contracts;
using ModularShop.Modules.Payments.Features.Reconciliation;
using ModularShop.Modules.Payments.Features.Simulator;
using ModularShop.Modules.Payments.Features.Webhooks;
using ModularShop.Modules.Payments.Persistence;
using ModularShop.Modules.Payments.Providers;
using ModularShop.Modules.Payments.Providers.Plugins;
using ModularShop.Modules.Payments.PublicApi;
using ModularShop.Payments.Abstractions;
using ModularShop.Plugins.Payments.TestCard;

namespace ModularShop.Modules.Payments;

/// <summary>Payments: charges, refunds and webhooks through payment providers (the built-in test card, and plugins loaded from a folder).</summary>
public sealed class PaymentsModule : IModule
{
    public const string ModuleName = "Payments";
    public const string SchemaName = "payments";

    /// <summary>Settings of a provider: <c>Payments:Providers:&lt;code&gt;</c>.</summary>
    public const string ProvidersSection = "Payments:Providers";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PaymentsDbContext>(configuration, SchemaName);

        services.AddOptions<TestCardOptions>().BindConfiguration($"{ProvidersSection}:{TestCardProvider.ProviderCode}")
            .Validate(o => !o.Validate().Any(), $"{ProvidersSection}:{TestCardProvider.ProviderCode}: WebhookSecret (at least 16 characters) is required; "
                + "PreviousWebhookSecrets at least 16 characters each; SignatureTolerance positive, at most one hour.")
            .ValidateOnStart();
        services.AddSingleton<IPaymentProvider>(sp =>
            new TestCardProvider(sp.GetRequiredService<IOptions<TestCardOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        // Plugins (decision 0012): scanned and loaded once, here; their providers are created with the others.
        services.AddSingleton(PaymentPluginLoader.Load(configuration));
        services.AddSingleton<PaymentProviders>();
        services.AddHostedService<PaymentProvidersStartup>();
        services.AddHealthChecks().AddCheck<PaymentPluginsHealthCheck>("payment-plugins", tags: [InfrastructureServiceCollectionExtensions.ReadyTag]);
        services.AddScoped<WebhookProcessor>();
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.Section)
            .Validate(o => !o.Validate().Any(), $"{ReconciliationOptions.Section}: Interval 1 s to 1 day, StuckAfter and UnmatchedAfter at least 1 minute, BatchSize 1 to 10000.")
            .ValidateOnStart();
        services.AddScoped<PaymentReconciler>();
        services.AddHostedService<ReconciliationWorker>();
        services.AddScoped<BankSimulator>();
        services.AddScoped<IPaymentsApi, PaymentsApi>();
    }
}
