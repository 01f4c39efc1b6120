using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace ModularShop.BuildingBlocks.Web.Http;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// The client's address (used by rate limits) behind a reverse proxy: <c>X-Forwarded-For</c> is trusted
    /// from loopback and from the proxies listed in <c>ForwardedHeaders:KnownProxies</c> (comma-separated).
    /// Pair with <c>app.UseForwardedHeaders()</c> first in the pipeline.
    /// </summary>
    public static WebApplicationBuilder AddShopForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxies = (builder.Configuration["ForwardedHeaders:KnownProxies"] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(IPAddress.Parse)
            .ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(options.KnownProxies.Add);
        });
        return builder;
    }
}
