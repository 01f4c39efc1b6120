using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront.Components.Shared;

/// <summary>Pages for signed-in shoppers only: anyone else is sent to sign in and brought back.</summary>
internal static class RequireShopper
{
    public static async Task<Shopper?> GetOrRedirectAsync(ShopperContext shoppers, RequestGate gate, NavigationManager navigation, HttpContext? http)
    {
        var shopper = await gate.RunAsync(shoppers.GetShopperAsync);
        if (shopper is null)
        {
            var here = http is null ? "/" : http.Request.Path + http.Request.QueryString;
            navigation.NavigateTo("/account/signin?returnUrl=" + Uri.EscapeDataString(here), forceLoad: true);
            return null;
        }

        PersonalPage.NoStore(http);
        return shopper;
    }
}
