using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Catalog.Contracts.IntegrationEvents;
using ModularShop.Modules.Storefront.Caching;
using ModularShop.Modules.Storefront.Contracts;
using ModularShop.Modules.Storefront.Features.Caching;
using ModularShop.Modules.Storefront.Persistence;
using ModularShop.Modules.Storefront.PublicApi;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront;

/// <summary>
/// The shop's pages for shoppers (decision 0013): statically server-rendered Razor components and a small TypeScript
/// client, on the same host, reading and writing the other modules only through their contracts.
/// </summary>
public sealed class StorefrontModule : IModule
{
    public const string ModuleName = "Storefront";

    /// <summary>Only messaging tables (the inbox of page evictions): sessions and cart ids live in cookies.</summary>
    public const string SchemaName = "storefront";

    /// <summary>The OpenAPI document of the storefront's own JSON endpoints (<c>/openapi/storefront.json</c>), which the client's types are generated from.</summary>
    public const string ApiGroup = "storefront";

    /// <summary>Rate-limiter policy of the sign-in and register form posts (per client address).</summary>
    public const string CredentialsRateLimit = "storefront-credentials";

    /// <summary>Rate-limiter policy of adds that create a new anonymous cart (per client address).</summary>
    public const string NewCartRateLimit = "storefront-new-cart";

    public string Name => ModuleName;

    public string Schema => SchemaName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorefrontOptions>().BindConfiguration(StorefrontOptions.Section)
            .Validate(o => o.PageSize is >= 1 and <= 100, "Storefront:PageSize must be 1–100.")
            .Validate(o => o.FeaturedCount is >= 0 and <= 48, "Storefront:FeaturedCount must be 0–48.")
            .Validate(o => o.PageCacheLifetime > TimeSpan.Zero, "Storefront:PageCacheLifetime must be positive.")
            .Validate(o => o.SessionIdleTimeout > TimeSpan.Zero && o.CartCookieLifetime > TimeSpan.Zero, "Storefront cookie lifetimes must be positive.")
            .Validate(o => o.RateLimit.CredentialPermitLimit >= 1 && o.RateLimit.NewCartPermitLimit >= 1 && o.RateLimit.Window > TimeSpan.Zero, "Storefront:RateLimit limits must be at least 1 and its Window positive.")
            .Validate(o => string.IsNullOrEmpty(o.PublicOrigin) || Uri.TryCreate(o.PublicOrigin, UriKind.Absolute, out _), "Storefront:PublicOrigin must be an absolute URL.")
            .ValidateOnStart();

        services.AddModuleDbContext<StorefrontDbContext>(configuration, SchemaName);
        services.AddSubscriptions<StorefrontDbContext>(s => s
            .Subscribe<ProductCreatedIntegrationEvent, EvictPagesOnCatalogChange>("storefront.evict-on-product-created")
            .Subscribe<ProductUpdatedIntegrationEvent, EvictPagesOnCatalogChange>("storefront.evict-on-product-updated")
            .Subscribe<ProductArchivedIntegrationEvent, EvictPagesOnCatalogChange>("storefront.evict-on-product-archived")
            .Subscribe<StockChangedIntegrationEvent, EvictPagesOnCatalogChange>("storefront.evict-on-stock-changed"));
        services.AddSingleton<IInstanceBroadcastListener, PageEvictionListener>();

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(CredentialsRateLimit, context =>
                HttpMethods.IsPost(context.Request.Method)
                    ? PerClient(context, "credentials", l => l.CredentialPermitLimit)
                    : RateLimitPartition.GetNoLimiter("storefront-read"));
            o.AddPolicy(NewCartRateLimit, context =>
                context.Request.Cookies.ContainsKey(StorefrontCookies.Cart) || context.Request.Cookies.ContainsKey(StorefrontCookies.Session)
                    ? RateLimitPartition.GetNoLimiter("storefront-has-cart")
                    : PerClient(context, "new-cart", l => l.NewCartPermitLimit));
        });

        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddScoped<ShopperContext>();
        services.AddScoped<AccountFlow>();
        services.AddScoped<RequestGate>();
        services.AddSingleton<IStorefrontLinks, StorefrontLinks>();
        services.AddSingleton<SessionCookieEvents>();

        services.AddAuthentication().AddCookie(StorefrontCookies.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(StorefrontCookies.Scheme)
            .Configure<IOptions<StorefrontOptions>>((o, shop) =>
            {
                o.Cookie.Name = StorefrontCookies.Session;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.Path = "/";
                o.Cookie.IsEssential = true;
                o.ExpireTimeSpan = shop.Value.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/account/signin";
                o.LogoutPath = "/account/signout";
                o.AccessDeniedPath = "/account/signin";
                o.ReturnUrlParameter = "returnUrl";
                o.EventsType = typeof(SessionCookieEvents);
            });

        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = StorefrontCookies.Antiforgery;
            // Antiforgery refuses plain-HTTP requests with Always; the session and cart cookies are Secure always
            // (browsers accept those on http://localhost, the development address).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddOutputCache();
        services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>()
            .Configure<IOptions<StorefrontOptions>>((o, shop) =>
                o.AddPolicy(StorefrontPagePolicy.Name, new StorefrontPagePolicy(shop.Value.PageCacheLifetime)));

        services.AddOpenApi(ApiGroup, o => o.ShouldInclude = d => d.GroupName == ApiGroup);
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string what, Func<StorefrontOptions.RateLimitOptions, int> permits)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<StorefrontOptions>>().Value.RateLimit;
        return RateLimitPartition.GetFixedWindowLimiter(
            $"storefront-{what}:{RateLimitingSetup.ClientAddress(context)}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits(limits), Window = limits.Window, QueueLimit = 0 });
    }
}
