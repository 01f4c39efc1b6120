using System.Globalization;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Storefront.Components.Shared;
using ModularShop.Modules.Storefront.Security;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront.Features.Cart;

/// <summary>
/// The same cart commands for browsers without JavaScript: plain form posts answered with a redirect to the cart page
/// (post/redirect/get), which says what went wrong through a fixed notice code (<see cref="CartNotices"/>).
/// </summary>
public sealed class CartFormEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var forms = app.MapGroup("/shop/cart")
            .ExcludeFromDescription()
            .RequireSameOrigin();

        forms.MapPost("/items", async (HttpRequest request, ShopperContext shopper, ICartApi carts, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, ct);
            if (form is null || !Guid.TryParse(form["productId"], out var productId))
            {
                return Back("not_found");
            }

            Guid? variantId = Guid.TryParse(form["variantId"], out var v) ? v : null;
            if (!int.TryParse(form["quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                return Back("invalid");
            }

            var result = await shopper.ChangeCartAsync((cartId, userId) => carts.AddItemAsync(cartId, userId, productId, variantId, quantity, cancellationToken: ct), ct, create: true);
            return result.IsSuccess ? Back(null) : Back(CartNotices.CodeFor(result.Error));
        }).RequireRateLimiting(StorefrontModule.NewCartRateLimit);

        forms.MapPost("/items/{itemId:guid}", async (Guid itemId, HttpRequest request, ShopperContext shopper, ICartApi carts, CancellationToken ct) =>
        {
            var form = await ReadFormAsync(request, ct);
            if (form is null || !int.TryParse(form["quantity"], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            {
                return Back("invalid");
            }

            var result = await shopper.ChangeCartAsync((cartId, userId) => carts.SetQuantityAsync(cartId, userId, itemId, quantity, cancellationToken: ct), ct);
            return result.IsSuccess ? Back(null) : Back(CartNotices.CodeFor(result.Error));
        });

        forms.MapPost("/items/{itemId:guid}/remove", async (Guid itemId, ShopperContext shopper, ICartApi carts, CancellationToken ct) =>
        {
            var result = await shopper.ChangeCartAsync((cartId, userId) => carts.RemoveItemAsync(cartId, userId, itemId, cancellationToken: ct), ct);
            return result.IsSuccess ? Back(null) : Back(CartNotices.CodeFor(result.Error));
        });
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken ct) =>
        request.HasFormContentType ? await request.ReadFormAsync(ct) : null;

    private static IResult Back(string? notice) =>
        Results.Redirect(notice is null ? "/cart" : $"/cart?notice={notice}", permanent: false, preserveMethod: false);
}
