using Carter;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Health;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.BuildingBlocks.Web.OpenApi;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Cart;
using ModularShop.Modules.Catalog;
using ModularShop.Modules.Checkout;
using ModularShop.Modules.Orders;
using ModularShop.Modules.Payments;
using ModularShop.Modules.Storefront;
using ModularShop.Modules.Users;

var builder = WebApplication.CreateBuilder(args);
builder.AddShopHttpHardening();

builder.Services.AddBuildingBlocks();
builder.Services.AddBuildingBlocksInfrastructure();
builder.Services.AddShopOpenApi();
builder.AddShopAuthentication();
builder.AddShopForwardedHeaders();

builder.AddModules(new CatalogModule(), new UsersModule(), new CartModule(), new PaymentsModule(), new OrdersModule(), new CheckoutModule(), new StorefrontModule());

var app = builder.Build();

app.UseForwardedHeaders();
app.UseShopProblemDetails();
app.UseShopHttpHardening();
app.UseAuthentication();
app.UseAuthorization();
app.UseStorefront();
app.UseRateLimiter();
app.UseOutputCache();

app.MapCarter();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions
{
    Predicate = c => c.Tags.Contains(InfrastructureServiceCollectionExtensions.ReadyTag),
    ResponseWriter = HealthReportWriter.WriteAsync,
});
app.MapShopApiDocs();
app.MapStorefront();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
