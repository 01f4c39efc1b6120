using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// Security headers on every answer the application makes (errors included), each only when the response has not set it
/// itself — checked as the response starts, so a page (the <c>/docs</c> reference) keeps its own
/// <c>Content-Security-Policy</c> and an endpoint its own <c>Cache-Control</c>:
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c>.</item>
/// <item><c>Referrer-Policy: no-referrer</c>: URLs here hold capabilities (an anonymous cart's id is all it takes to use
/// the cart); a page of this host must not hand them to another site, not even its origin's path.</item>
/// <item><c>Content-Security-Policy: default-src 'none'; frame-ancestors 'none'</c>: an API answer is data, never a
/// document that loads anything; an HTML page sets its own policy.</item>
/// <item><c>Cache-Control: no-store</c> on what may carry tokens or personal data: every answer to a request with an
/// <c>Authorization</c> header, and every <c>/api</c> answer except the public, output-cached reads (catalog), which stay
/// cacheable.</item>
/// </list>
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string DefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.TryAdd(HeaderNames.XContentTypeOptions, "nosniff");
        headers.TryAdd(HeaderNames.XFrameOptions, "DENY");
        headers.TryAdd("Referrer-Policy", "no-referrer");
        headers.TryAdd(HeaderNames.ContentSecurityPolicy, DefaultContentSecurityPolicy);
        if (headers.CacheControl.Count == 0 && MayCarryPersonalData(context))
        {
            headers.CacheControl = "no-store";
        }
    }

    private static bool MayCarryPersonalData(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return true;
        }

        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A public read the output cache serves to everyone (the catalog) is the same for every caller.
        var endpoint = context.GetEndpoint();
        var outputCached = endpoint?.Metadata.GetMetadata<IOutputCachePolicy>() is not null || endpoint?.Metadata.GetMetadata<OutputCacheAttribute>() is not null;
        return !(outputCached && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)));
    }
}
