using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Cart.Domain;

namespace ModularShop.Modules.Cart.Features.Carts;

public static class GetCart
{
    public sealed record Query(Guid CartId) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartStore store) : IRequestHandler<Query, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var cart = await store.ReadAsync(query.CartId, query.UserId, cancellationToken);
            return cart is null ? CartErrors.CartNotFound : await store.ViewAsync(cart, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{CartRoutes.Carts}/{{id:guid}}", async (Guid id, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Query(id) { UserId = user.UserId }, ct)).ToOk(c => c.Version))
                .OptionalUser()
                .WithName("Cart.GetCart")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Get a cart")
                .WithDescription(
                    "The cart at the catalog's current prices, with its `problems` (`PRICE_CHANGED` since the item was " +
                    "added or its quantity last changed, `INSUFFICIENT_STOCK`, `UNAVAILABLE`). `ETag` carries `version`. " +
                    "404 for an unknown cart, another user's cart, or a user's cart asked for without their token.")
                .Produces<CartResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
