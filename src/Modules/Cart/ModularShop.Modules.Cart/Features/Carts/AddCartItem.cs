using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
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

/// <summary>Puts a product (or one of its variants) into the cart; the same one again adds to its quantity.</summary>
public static class AddCartItem
{
    public sealed record Command(Guid? ProductId, Guid? VariantId, int? Quantity) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }

        [JsonIgnore]
        public Guid CartId { get; init; }

        [JsonIgnore]
        public long? ExpectedVersion { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProductId).NotNull().NotEqual(Guid.Empty);
            RuleFor(c => c.Quantity).NotNull().InclusiveBetween(1, ShoppingCart.MaxQuantity);
        }
    }

    internal sealed class Handler(CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            // The catalog is the authority on existence, availability and stock (the read model may lag).
            var products = await store.CurrentProductsAsync([command.ProductId!.Value], cancellationToken);
            if (!products.TryGetValue(command.ProductId.Value, out var product))
            {
                return CartErrors.ProductNotFound;
            }

            if (command.VariantId is null && product.Variants.Count > 0)
            {
                return Error.Validation("variantId", "This product comes in variants; choose one.");
            }

            var item = product.Find(command.VariantId);
            if (item is null)
            {
                return CartErrors.VariantNotFound;
            }

            if (item.Archived)
            {
                return CartErrors.Unavailable(item.Name);
            }

            return await store.ChangeAsync(
                command.CartId,
                command.UserId,
                command.ExpectedVersion,
                cart => Task.FromResult<Result>(cart.Add(item, command.Quantity!.Value, store.Now)),
                cancellationToken);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{CartRoutes.Carts}/{{id:guid}}/items",
                    async (Guid id, Command command, HttpRequest request, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                        request.TryGetExpectedVersion(out var version, out var problem)
                            ? (await mediator.Send(command with { UserId = user.UserId, CartId = id, ExpectedVersion = version }, ct)).ToOk(c => c.Version)
                            : problem!)
                .OptionalUser()
                .WithIdempotency<CartDbContext>()
                .WithName("Cart.AddCartItem")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Add an item to a cart")
                .WithDescription(
                    "`{productId, variantId?, quantity}` with quantity 1–999; a product that has variants needs `variantId`. " +
                    "The same product/variant again adds to its line (and takes the current price as agreed). Checked " +
                    "against the catalog: unknown product or variant 404; archived product, more than in stock, a line " +
                    "above 999 or more than 100 lines 409. Parallel adds to one cart queue up; none is lost. `If-Match` " +
                    "with a stale version 409. Answers the whole cart. Send an `Idempotency-Key` so that a retried add is " +
                    "not added twice.")
                .Produces<CartResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
