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

public static class ClearCart
{
    public sealed record Command(Guid CartId, long? ExpectedVersion) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken) =>
            store.ChangeAsync(command.CartId, command.UserId, command.ExpectedVersion, cart =>
            {
                cart.Clear(store.Now);
                return Task.FromResult(Result.Success());
            }, cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete($"{CartRoutes.Carts}/{{id:guid}}/items",
                    async (Guid id, HttpRequest request, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                        request.TryGetExpectedVersion(out var version, out var problem)
                            ? (await mediator.Send(new Command(id, version) { UserId = user.UserId }, ct)).ToOk(c => c.Version)
                            : problem!)
                .OptionalUser()
                .WithName("Cart.ClearCart")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Empty a cart")
                .WithDescription("Removes every line (the cart itself stays) and answers the empty cart. Unknown cart 404; `If-Match` with a stale version 409.")
                .Produces<CartResponse>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
