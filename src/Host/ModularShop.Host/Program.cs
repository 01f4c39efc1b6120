using Carter;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using ModularShop.BuildingBlocks;
using ModularShop.BuildingBlocks.Http;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Modules;
using ModularShop.BuildingBlocks.Security;
using ModularShop.Modules.Catalog;
using ModularShop.Modules.Users;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

builder.Services.AddBuildingBlocks();
builder.Services.AddBuildingBlocksInfrastructure();
builder.Services.AddOpenApi(o => o.CreateSchemaReferenceId = t => t.Type.FullName?.Replace('+', '.'));
builder.AddShopAuthentication();

builder.AddModules(new CatalogModule(), new UsersModule());

builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    // Client addresses (rate limits) behind a reverse proxy: trust X-Forwarded-For from loopback and from
    // the proxies listed in ForwardedHeaders:KnownProxies (comma-separated addresses).
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    foreach (var proxy in (builder.Configuration["ForwardedHeaders:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
    {
        options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }
});

var app = builder.Build();

app.UseForwardedHeaders();
app.UseShopProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapCarter();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(InfrastructureServiceCollectionExtensions.ReadyTag) });
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs");

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
