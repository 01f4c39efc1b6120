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

public static class RemoveCartItem
{
    public sealed record Command(Guid CartId, Guid ItemId, long? ExpectedVersion) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken) =>
            store.ChangeAsync(command.CartId, command.UserId, command.ExpectedVersion,
                cart => Task.FromResult(cart.Remove(command.ItemId, store.Now)), cancellationToken);
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete($"{CartRoutes.Carts}/{{id:guid}}/items/{{itemId:guid}}",
                    async (Guid id, Guid itemId, HttpRequest request, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                        request.TryGetExpectedVersion(out var version, out var problem)
                            ? (await mediator.Send(new Command(id, itemId, version) { UserId = user.UserId }, ct)).ToOk(c => c.Version)
                            : problem!)
                .OptionalUser()
                .WithName("Cart.RemoveCartItem")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Remove an item from a cart")
                .WithDescription("Removes one line and answers the whole cart. Unknown cart or item 404; `If-Match` with a stale version 409.")
                .Produces<CartResponse>()
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
