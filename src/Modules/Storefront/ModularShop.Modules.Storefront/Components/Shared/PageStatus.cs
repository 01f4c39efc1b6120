using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>
/// A page's own error status (404 for an unknown product, 400 for bad filters) with the page's own HTML body: the host's
/// status-code pages (problem details for the API) are switched off for this response.
/// </summary>
internal static class PageStatus
{
    public static void Set(HttpContext? http, int status)
    {
        if (http is null)
        {
            return;
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        http.Response.StatusCode = status;
    }
}
