using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>The host's answers to hostile or careless clients: request limits, security headers, JSON media types (docs/security.md).</summary>
public static class HttpHardening
{
    /// <summary>
    /// Kestrel's limits (<see cref="RequestLimits"/>: body 1 MB; request line, header size and count above the
    /// application's own limits), no <c>Server</c> header, HSTS settings and the OpenAPI documentation of the 415 answer.
    /// </summary>
    public static WebApplicationBuilder AddShopHttpHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
            kestrel.Limits.MaxRequestLineSize = RequestLimits.ServerMaxRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestLimits.ServerMaxHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = RequestLimits.ServerMaxHeaderCount;
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IApiDescriptionProvider, JsonBodyApiDescriptionProvider>());
        return builder;
    }

    /// <summary>
    /// Security headers on every answer, HSTS outside Development (sent on HTTPS requests only), the URL and header
    /// limits (414, 431) and the JSON media type check (415). Place right after <c>UseShopProblemDetails()</c>.
    /// </summary>
    public static IApplicationBuilder UseShopHttpHardening(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<JsonBodyMiddleware>();
        return app;
    }
}
