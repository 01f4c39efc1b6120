using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront.Caching;

/// <summary>
/// The output-cache policy of the storefront's anonymous pages (home, listings, search, product): only GET/HEAD
/// without a session cookie, 200 answers without cookies of their own, varied by the whole query string, tagged so a
/// catalog change evicts them (<see cref="Tags"/>); everyone signed in gets a fresh page.
/// </summary>
internal sealed class StorefrontPagePolicy(TimeSpan lifetime) : IOutputCachePolicy
{
    public const string Name = "storefront-page";

    /// <summary>
    /// Every cached page: <c>catalog</c> (evicted by Catalog's own admin writes, categories included), all storefront
    /// pages and the listings; a product page adds its product's tag (<see cref="PageCacheTags.Product"/>) itself.
    /// </summary>
    public static readonly string[] Tags = ["catalog", PageCacheTags.All, PageCacheTags.Listings];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var request = context.HttpContext.Request;
        var cacheable = HttpMethodsIsGetOrHead(request.Method)
                        && !ShopperContext.HasSessionCookie(request)
                        && request.Headers.Authorization.Count == 0;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        foreach (var tag in Tags)
        {
            context.Tags.Add(tag);
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            // A 404 page, or an answer that set a cookie (a dead session's cookie removed): never shared.
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }

    private static bool HttpMethodsIsGetOrHead(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
}
