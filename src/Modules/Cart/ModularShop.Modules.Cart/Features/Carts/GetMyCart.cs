using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;

namespace ModularShop.Modules.Cart.Features.Carts;

public static class GetMyCart
{
    public sealed record Query : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartStore store) : IRequestHandler<Query, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var cart = await store.ActiveCartAsync(query.UserId!.Value, forUpdate: false, cancellationToken);
            return await store.ViewAsync(cart, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet($"{CartRoutes.Carts}/mine", async (IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Query { UserId = user.UserId }, ct)).ToOk(c => c.Version))
                .RequireUser()
                .WithName("Cart.GetMyCart")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Get the signed-in user's cart")
                .WithDescription(
                    "The user's active cart (the one they changed last), created empty if they have none; parallel " +
                    "first calls get the same cart. After signing in, merge the anonymous cart into it with " +
                    "`POST /api/carts/{id}/merge`.")
                .Produces<CartResponse>();
    }
}
