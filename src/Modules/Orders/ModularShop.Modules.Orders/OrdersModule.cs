using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Orders.Contracts;
using ModularShop.Modules.Orders.Features.Orders;
using ModularShop.Modules.Orders.Features.Payments;
using ModularShop.Modules.Orders.Persistence;
using ModularShop.Modules.Orders.PublicApi;
using ModularShop.Modules.Payments.Contracts.IntegrationEvents;

namespace ModularShop.Modules.Orders;

/// <summary>Orders: the record of what was sold, its state machine (API.md → Orders), its stock and its payment.</summary>
public sealed class OrdersModule : IModule
{
    public const string ModuleName = "Orders";
    public const string SchemaName = "orders";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OrdersDbContext>(configuration, SchemaName);
        services.AddScoped<IOrdersApi, OrdersApi>();
        services.AddScoped<OrderStore>();
        services.AddScoped<OrderStock>();
        services.AddScoped<OrderPayments>();
        // One message per transaction: each locks its order's row.
        services.AddSubscriptions<OrdersDbContext>(s => s
            .Subscribe<PaymentUpdatedIntegrationEvent, ApplyPaymentOnPaymentUpdated>("orders.apply-payment-updates", batchSize: 1)
            .HandleScheduled<PaymentTimeout, CancelOrderWhenPaymentDue>(batchSize: 1)
            .HandleScheduled<ConfirmOrderStock, ConfirmOrderStockHandler>(batchSize: 1)
            .HandleScheduled<ReleaseOrderStock, ReleaseOrderStockHandler>(batchSize: 1)
            .HandleScheduled<CancelOrderPayment, CancelOrderPaymentHandler>(batchSize: 1));
    }
}
