using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Checkout.Contracts;
using ModularShop.Modules.Checkout.Domain;
using ModularShop.Modules.Checkout.Persistence;
using ModularShop.Modules.Checkout.Process;

namespace ModularShop.Modules.Checkout;

/// <summary>Shipping methods, tax, quotes and the checkout process that turns a cart into a paid order (decision 0010).</summary>
public sealed class CheckoutModule : IModule
{
    public const string ModuleName = "Checkout";
    public const string SchemaName = "checkout";

    /// <summary>Rate-limiter policy of <c>POST /api/checkout</c>, per user.</summary>
    public const string PlaceRateLimit = "checkout-place";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CheckoutDbContext>(configuration, SchemaName);
        services.AddOptions<CheckoutOptions>().BindConfiguration(CheckoutOptions.Section)
            .PostConfigure(o =>
            {
                if (o.ShippingMethods.Count == 0)
                {
                    o.ShippingMethods = CheckoutOptions.DefaultShippingMethods();
                }

                if (o.TaxRates.Count == 0)
                {
                    o.TaxRates = CheckoutOptions.DefaultTaxRates();
                }
            })
            .Validate(o => o.PaymentTimeout >= TimeSpan.FromMinutes(1) && o.PaymentTimeout <= TimeSpan.FromDays(3), "Checkout:PaymentTimeout must be between 1 minute and 3 days.")
            .Validate(o => o.PaymentTimeouts.Values.All(t => t >= TimeSpan.FromMinutes(1) && t <= TimeSpan.FromDays(6)), "Checkout:PaymentTimeouts:<provider> must each be between 1 minute and 6 days (the stock stays reserved as long, and Catalog holds a reservation at most 7 days).")
            .Validate(o => o.ResumeAfter >= TimeSpan.FromSeconds(10) && o.ResumeAfter <= TimeSpan.FromHours(1), "Checkout:ResumeAfter must be between 10 seconds and 1 hour.")
            .Validate(o => o.RateLimit.PermitLimit >= 1 && o.RateLimit.Window > TimeSpan.Zero, "Checkout:RateLimit:PermitLimit must be at least 1 and its Window positive.")
            .Validate(o => ValidShippingMethods(o) is null, "Checkout:ShippingMethods: each needs a unique Code, a Name, a Price ≥ 0 in cents, EstimatedDays ≥ 1, FreeOver ≥ 0 and two-letter Countries.")
            .Validate(o => o.TaxRates.All(r => r.Country.Length == 2 && r.Rate >= 0 && r.Rate < 1), "Checkout:TaxRates: each needs a two-letter Country and a Rate from 0 to below 1 (0.0725 is 7.25 %).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<CheckoutOptions>>().Value;
            var currency = sp.GetRequiredService<IOptions<ShopOptions>>().Value.Currency;
            return new CheckoutRules(
                [.. o.ShippingMethods.Select(m => new ShippingMethod(
                    m.Code, m.Name, Money.Of(m.Price, currency), m.EstimatedDays, m.FreeOver is { } free ? Money.Of(free, currency) : null,
                    [.. m.Countries.Select(c => c.ToUpperInvariant())]))],
                [.. o.TaxRates.Select(r => new TaxRate(r.Country.ToUpperInvariant(), string.IsNullOrWhiteSpace(r.Region) ? null : r.Region.Trim(), r.Rate, r.TaxShipping))],
                currency);
        });
        services.AddRateLimiter(o => o.AddPolicy(PlaceRateLimit, context =>
        {
            var limits = context.RequestServices.GetRequiredService<IOptions<CheckoutOptions>>().Value.RateLimit;
            var user = context.RequestServices.GetRequiredService<ICurrentUser>().UserId?.ToString("N") ?? "anonymous";
            return RateLimitPartition.GetFixedWindowLimiter(
                $"user:{user}", _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 });
        }));
        services.AddScoped<CartPricer>();
        services.AddScoped<CheckoutRunner>();
        services.AddScoped<ICheckoutApi, PublicApi.CheckoutApi>();
        services.AddSubscriptions<CheckoutDbContext>(s => s.HandleScheduled<ResumeCheckout, ResumeCheckoutHandler>(batchSize: 1));
    }

    private static string? ValidShippingMethods(CheckoutOptions o)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in o.ShippingMethods)
        {
            if (string.IsNullOrWhiteSpace(m.Code) || m.Code.Length > 50 || !codes.Add(m.Code) || string.IsNullOrWhiteSpace(m.Name)
                || m.Price < 0 || !Money.IsExact(m.Price) || m.EstimatedDays < 1 || m.FreeOver < 0 || m.Countries.Any(c => c.Length != 2))
            {
                return m.Code ?? "(no code)";
            }
        }

        return null;
    }
}
