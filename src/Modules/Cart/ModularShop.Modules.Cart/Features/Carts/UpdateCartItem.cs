using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Security;
using ModularShop.Modules.Cart.Domain;
using ModularShop.Modules.Cart.Persistence;

namespace ModularShop.Modules.Cart.Features.Carts;

/// <summary>Sets a line's quantity; 0 removes the line.</summary>
public static class UpdateCartItem
{
    public sealed record Command(int? Quantity) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }

        [JsonIgnore]
        public Guid CartId { get; init; }

        [JsonIgnore]
        public Guid ItemId { get; init; }

        [JsonIgnore]
        public long? ExpectedVersion { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Quantity).NotNull().InclusiveBetween(0, ShoppingCart.MaxQuantity);
    }

    internal sealed class Handler(CartDbContext db, CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var quantity = command.Quantity!.Value;
            PurchasableItem? current = null;
            if (quantity > 0)
            {
                // Raising needs the catalog's stock; any change takes the current price as agreed. Asked before
                // the cart is locked, so no lock is held while waiting for the catalog.
                var line = await db.Items.AsNoTracking()
                    .Where(i => i.Id == command.ItemId && i.CartId == command.CartId)
                    .Select(i => new { i.ProductId, i.VariantId })
                    .SingleOrDefaultAsync(cancellationToken);
                if (line is not null)
                {
                    var products = await store.CurrentProductsAsync([line.ProductId], cancellationToken);
                    current = products.GetValueOrDefault(line.ProductId)?.Find(line.VariantId);
                }
            }

            return await store.ChangeAsync(
                command.CartId,
                command.UserId,
                command.ExpectedVersion,
                cart => Task.FromResult(cart.SetQuantity(command.ItemId, quantity, current, store.Now)),
                cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut($"{CartRoutes.Carts}/{{id:guid}}/items/{{itemId:guid}}",
                    async (Guid id, Guid itemId, Command command, HttpRequest request, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                        request.TryGetExpectedVersion(out var version, out var problem)
                            ? (await mediator.Send(command with { UserId = user.UserId, CartId = id, ItemId = itemId, ExpectedVersion = version }, ct)).ToOk(c => c.Version)
                            : problem!)
                .OptionalUser()
                .WithName("Cart.UpdateCartItem")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Change an item's quantity")
                .WithDescription(
                    "`{quantity}` 0–999; 0 removes the line. Raising it beyond the stock is 409 (lowering is always " +
                    "allowed); a product no longer sold can only be lowered or removed (409). Unknown cart or item 404; " +
                    "`If-Match` with a stale version 409. Answers the whole cart.")
                .Produces<CartResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
