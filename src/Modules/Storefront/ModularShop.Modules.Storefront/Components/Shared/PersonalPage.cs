using Microsoft.AspNetCore.Http;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>
/// A page or answer about one shopper (their cart, their account) must not be stored by any cache. The values are
/// the ones ASP.NET Core's antiforgery sets on pages with a token, so the two never disagree (and it logs no warning).
/// </summary>
internal static class PersonalPage
{
    public static void NoStore(HttpContext? http)
    {
        if (http is null)
        {
            return;
        }

        http.Response.Headers.CacheControl = "no-cache, no-store";
        http.Response.Headers.Pragma = "no-cache";
    }
}
