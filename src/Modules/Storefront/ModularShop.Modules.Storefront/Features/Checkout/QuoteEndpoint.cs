using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Checkout.Contracts;
using ModularShop.Modules.Storefront.Components.Shared;
using ModularShop.Modules.Storefront.Security;
using ModularShop.Modules.Storefront.Session;
using ModularShop.Modules.Users.Contracts;

namespace ModularShop.Modules.Storefront.Features.Checkout;

/// <summary>
/// The checkout page's live totals: the signed-in shopper's cart priced for an address (a saved one by id, or typed)
/// and a shipping method, by Checkout's own quote (so the page and the order agree to the cent).
/// </summary>
public sealed class QuoteEndpoint : ICarterModule
{
    /// <param name="AddressId">A saved address of the shopper's; when null, the typed address is used.</param>
    public sealed record QuoteRequest(Guid? AddressId, StorefrontAddress? Address, string? ShippingMethod);

    /// <summary>An address as typed on the checkout page.</summary>
    public sealed record StorefrontAddress(string? FullName, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? Phone);

    /// <summary>What the order would cost now, in <c>currency</c>.</summary>
    public sealed record StorefrontQuote(decimal Subtotal, decimal Tax, decimal Shipping, decimal Total, string Currency);

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/shop/api/checkout/quote", async (QuoteRequest request, ShopperContext shoppers, IUsersApi users, ICheckoutApi checkout, HttpContext http, CancellationToken ct) =>
            {
                PersonalPage.NoStore(http);
                if (await shoppers.GetShopperAsync() is not { } shopper)
                {
                    return Error.Unauthorized("storefront.signed_out", "Sign in to check out.").ToProblem();
                }

                if (await shoppers.GetCartAsync(ct) is not { Lines.Count: > 0 } cart)
                {
                    return Error.Conflict("storefront.cart_empty", "Your cart is empty.").ToProblem();
                }

                PostalAddress? address = null;
                if (request.AddressId is { } id)
                {
                    var saved = (await users.ListAddressesAsync(shopper.UserId, ct)).FirstOrDefault(a => a.Id == id);
                    if (saved is null)
                    {
                        return Error.Validation("addressId", "There is no such address in your address book.").ToProblem();
                    }

                    address = new PostalAddress(saved.FullName, saved.Line1, saved.Line2, saved.City, saved.Region, saved.PostalCode, saved.Country, saved.Phone);
                }
                else if (request.Address is { } a)
                {
                    address = new PostalAddress(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country?.ToUpperInvariant(), a.Phone);
                }

                if (address is null)
                {
                    return Error.Validation("address", "Give an address or a saved address's id.").ToProblem();
                }

                var quote = await checkout.QuoteAsync(shopper.UserId, cart.Id, address, request.ShippingMethod ?? "", ct);
                return quote.IsSuccess
                    ? TypedResults.Ok(new StorefrontQuote(quote.Value.Subtotal.Amount, quote.Value.Tax.Amount, quote.Value.Shipping.Amount, quote.Value.Total.Amount, quote.Value.Total.Currency))
                    : quote.Error.ToProblem();
            })
            .RequireSameOrigin()
            .WithGroupName(StorefrontModule.ApiGroup)
            .WithTags(StorefrontModule.ModuleName)
            .WithName("Storefront.Quote")
            .WithSummary("Live checkout totals")
            .WithDescription("The signed-in shopper's cart priced for a saved or typed address and a shipping method (Checkout's quote). 401 signed out, 409 an empty cart, 400 naming the field.")
            .Produces<StorefrontQuote>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
