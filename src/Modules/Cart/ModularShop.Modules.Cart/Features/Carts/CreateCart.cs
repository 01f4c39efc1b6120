using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.Persistence;

namespace ModularShop.Modules.Cart.Features.Carts;

/// <summary>A new, empty cart: anonymous, or the caller's when a token is sent.</summary>
public static class CreateCart
{
    public sealed record Command : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartDbContext db, CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var cart = ShoppingCart.Create(command.UserId, store.Now);
            db.Carts.Add(cart);
            await db.SaveChangesAsync(cancellationToken);
            return await store.ViewAsync(cart, cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost(CartRoutes.Carts, async (IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Command { UserId = user.UserId }, ct)).ToCreated(c => $"{CartRoutes.Carts}/{c.Id}", c => c.Version))
                .OptionalUser()
                .RequireRateLimiting(CartModule.CreateRateLimit)
                .WithIdempotency<CartDbContext>()
                .WithName("Cart.CreateCart")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Create a cart")
                .WithDescription(
                    "Creates an empty cart; no body. Without a token the cart is anonymous: whoever holds its id (an " +
                    "unguessable GUID; keep it in a cookie or local storage) may use it. With a token it belongs to that " +
                    "user (other users get 404) and becomes their active cart (`GET /api/carts/mine`). Send an " +
                    "`Idempotency-Key` so a retried request does not create a second cart. Rate-limited (429 with " +
                    "`Retry-After`): without a token per client address (default 30 a minute), with one per user (60).")
                .Produces<CartResponse>(StatusCodes.Status201Created)
                .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
