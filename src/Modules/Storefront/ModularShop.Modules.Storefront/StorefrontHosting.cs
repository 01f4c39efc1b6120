using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Web.Modules;
using ModularShop.Modules.Storefront.Components;

namespace ModularShop.Modules.Storefront;

/// <summary>What the host calls to serve the storefront (a no-op when <c>Modules:Storefront:Enabled</c> is false).</summary>
public static class StorefrontHosting
{
    /// <summary>Antiforgery validation for the pages' forms; after authentication and authorization.</summary>
    public static WebApplication UseStorefront(this WebApplication app)
    {
        if (IsEnabled(app))
        {
            app.UseAntiforgery();
        }

        return app;
    }

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
