using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Storefront.Components;
using ModularShop.Modules.Storefront.Security;

namespace ModularShop.Modules.Storefront;

/// <summary>What the host calls to serve the storefront (a no-op when <c>Modules:Storefront:Enabled</c> is false).</summary>
public static class StorefrontHosting
{
    /// <summary>
    /// Same-origin and antiforgery checks for the pages' forms, and the shop's 404 page for browsers asking for an address
    /// nothing answers; after authentication and authorization.
    /// </summary>
    public static WebApplication UseStorefront(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            // Form posts to the pages themselves (sign-in, register, checkout, cancel) must come from this site, as the
            // browser reports it — on top of their antiforgery tokens (see SameOriginRequests).
            app.Use(async (context, next) =>
            {
                var method = context.Request.Method;
                if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)
                    && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                    && !SameOriginRequests.IsSameOrigin(context.Request))
                {
                    await Results.Problem(
                        title: "Forbidden", detail: "This request did not come from the shop's own pages.", statusCode: StatusCodes.Status403Forbidden)
                        .ExecuteAsync(context);
                    return;
                }

                await next(context);
            });
            app.UseAntiforgery();

            // A browser asking for an address nothing answers gets the shop's 404 page, not the API's problem details.
            app.Use(async (context, next) =>
            {
                await next(context);
                var response = context.Response;
                if (response is { StatusCode: StatusCodes.Status404NotFound, HasStarted: false, ContentLength: null }
                    && string.IsNullOrEmpty(response.ContentType)
                    && context.GetEndpoint() is null
                    && IsPageAddress(context.Request))
                {
                    // The answer depends on Accept (a page for browsers, problem details for the rest): say so to caches.
                    response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
                    if (AcceptsHtml(context.Request))
                    {
                        await new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound }.ExecuteAsync(context);
                    }
                }
            });
        }

        return app;
    }

    /// <summary>A GET or HEAD outside the API, the documents and the static files.</summary>
    private static bool IsPageAddress(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !NotPages.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The client accepts HTML (a browser's navigation); <c>text/html;q=0</c> refuses it.</summary>
    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(type =>
            type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && type.Quality is null or > 0);

    private static readonly string[] NotPages = ["/api", "/shop/api", "/openapi", "/health", "/_content", "/media"];

    /// <summary>The pages, their fingerprinted static assets and the storefront's OpenAPI document.</summary>
    public static WebApplication MapStorefront(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            app.MapStaticAssets();
            app.MapRazorComponents<App>();
        }

        return app;
    }

    private static bool IsEnabled(WebApplication app) =>
        app.Services.GetRequiredService<ModuleCatalog>().Modules.Any(m => m is StorefrontModule);
}
