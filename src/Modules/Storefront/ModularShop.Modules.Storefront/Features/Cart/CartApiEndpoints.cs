using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Modules.Storefront.Components.Shared;
using ModularShop.Modules.Storefront.Security;
using ModularShop.Modules.Storefront.Session;

namespace ModularShop.Modules.Storefront.Features.Cart;

/// <summary>
/// The cart endpoints the storefront's client calls (<c>/shop/api/cart…</c>, document <c>/openapi/storefront.json</c>):
/// the shopper is the session cookie, the cart the one <see cref="ShopperContext"/> finds; each call runs the cart API's
/// command server-side and answers the whole cart, or problem details (400 naming the field, 404, 409 with the reason
/// the client shows in its toast). Only this site's pages may call them (<see cref="SameOriginRequests"/>).
/// </summary>
public sealed class CartApiEndpoints : ICarterModule
{
    public sealed record AddItemRequest(Guid? ProductId, Guid? VariantId, int? Quantity);

    public sealed record SetQuantityRequest(int? Quantity);

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/shop/api/cart")
            .WithGroupName(StorefrontModule.ApiGroup)
            .WithTags(StorefrontModule.ModuleName)
            .RequireSameOrigin();

        api.MapGet("", GetAsync)
            .WithName("Storefront.GetCart")
            .WithSummary("The shopper's cart")
            .WithDescription("The signed-in shopper's cart, or the anonymous cart of the cart cookie; an empty cart (id null) when there is none.")
            .Produces<StorefrontCart>();

        api.MapPost("/items", AddAsync)
            .RequireRateLimiting(StorefrontModule.NewCartRateLimit)
            .WithName("Storefront.AddCartItem")
            .WithSummary("Add to the cart")
            .WithDescription("Adds a product or variant (quantity 1–999), creating the cart on the first add. 409 when there is not enough stock or the product is no longer sold.")
            .Produces<StorefrontCart>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapPut("/items/{itemId:guid}", SetQuantityAsync)
            .WithName("Storefront.SetCartItemQuantity")
            .WithSummary("Change a line's quantity")
            .WithDescription("Quantity 0–999; 0 removes the line. 409 when there is not enough stock.")
            .Produces<StorefrontCart>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapDelete("/items/{itemId:guid}", RemoveAsync)
            .WithName("Storefront.RemoveCartItem")
            .WithSummary("Remove a line")
            .Produces<StorefrontCart>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(ShopperContext shopper, IOptions<ShopOptions> shop, HttpResponse response, CancellationToken ct)
    {
        PersonalPage.NoStore(response.HttpContext);
        var cart = await shopper.GetCartAsync(ct);
        return TypedResults.Ok(cart is null ? StorefrontCart.Empty(shop.Value.Currency) : StorefrontCart.From(cart));
    }

    private static async Task<IResult> AddAsync(AddItemRequest request, ShopperContext shopper, ICartApi carts, CancellationToken ct)
    {
        if (request.ProductId is not { } productId || productId == Guid.Empty)
        {
            return Error.Validation("productId", "Choose a product.").ToProblem();
        }

        var result = await shopper.ChangeCartAsync(
            (cartId, userId) => carts.AddItemAsync(cartId, userId, productId, request.VariantId, request.Quantity ?? 0, cancellationToken: ct), ct, create: true);
        return Answer(result);
    }

    private static async Task<IResult> SetQuantityAsync(Guid itemId, SetQuantityRequest request, ShopperContext shopper, ICartApi carts, CancellationToken ct)
    {
        if (request.Quantity is not { } quantity)
        {
            return Error.Validation("quantity", "Must be a whole number from 0 to 999.").ToProblem();
        }

        var result = await shopper.ChangeCartAsync((cartId, userId) => carts.SetQuantityAsync(cartId, userId, itemId, quantity, cancellationToken: ct), ct);
        return Answer(result);
    }

    private static async Task<IResult> RemoveAsync(Guid itemId, ShopperContext shopper, ICartApi carts, CancellationToken ct)
    {
        var result = await shopper.ChangeCartAsync((cartId, userId) => carts.RemoveItemAsync(cartId, userId, itemId, cancellationToken: ct), ct);
        return Answer(result);
    }

    private static IResult Answer(Result<CartSummary> result) =>
        result.IsSuccess ? TypedResults.Ok(StorefrontCart.From(result.Value)) : result.Error.ToProblem();
}
