using System.Text.Json.Serialization;
using Carter;
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
using ModularShop.Modules.Cart.ReadModel;

namespace ModularShop.Modules.Cart.Features.Carts;

/// <summary>On sign-in: the anonymous cart's lines move into the user's active cart.</summary>
public static class MergeCart
{
    public sealed record Command(Guid CartId) : IRequest<Result<CartResponse>>
    {
        /// <summary>Who acts: the signed-in user, or <c>null</c> for an anonymous shopper (set by the endpoint or the contract, never from the body).</summary>
        [JsonIgnore]
        public Guid? UserId { get; init; }
    }

    internal sealed class Handler(CartDbContext db, CartStore store) : IRequestHandler<Command, Result<CartResponse>>
    {
        public async Task<Result<CartResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = command.UserId!.Value;

            // Quantities are capped by the stock the catalog has now; asked before any lock is taken.
            var productIds = await db.Items.AsNoTracking()
                .Where(i => i.CartId == command.CartId)
                .Select(i => i.ProductId)
                .Distinct()
                .ToListAsync(cancellationToken);
            var products = new Dictionary<Guid, ProductState>(await store.CurrentProductsAsync(productIds, cancellationToken));

            await using var transaction = await store.BeginAsync(cancellationToken);

            // Lock order: the merged cart, then the user's (a parallel merge of the same cart waits here).
            var source = await store.LockAsync(command.CartId, cancellationToken);
            if (source is null || (source.UserId is not null && source.UserId != userId))
            {
                return CartErrors.CartNotFound;
            }

            if (source.MergedIntoId is { } mergedInto)
            {
                // A retry of a merge that already happened answers the same as the first time; anyone else: 404.
                var owner = await db.Carts.Where(c => c.Id == mergedInto).Select(c => c.UserId).SingleOrDefaultAsync(cancellationToken);
                return owner == userId
                    ? await store.ViewAsync(await store.ActiveCartAsync(userId, forUpdate: false, cancellationToken), cancellationToken)
                    : CartErrors.CartNotFound;
            }

            var target = await store.ActiveCartAsync(userId, forUpdate: true, cancellationToken);
            if (target.Id == source.Id)
            {
                return CartErrors.MergeIntoItself;
            }

            // Lines added to the merged cart after the catalog was asked (rare): ask for those too.
            var late = source.Items.Select(i => i.ProductId).Where(id => !products.ContainsKey(id)).Distinct().ToList();
            if (late.Count > 0)
            {
                foreach (var (id, state) in await store.CurrentProductsAsync(late, cancellationToken))
                {
                    products[id] = state;
                }
            }

            var merged = target.MergeFrom(source, (productId, variantId) => products.GetValueOrDefault(productId)?.Find(variantId), store.Now);
            if (!merged.IsSuccess)
            {
                return merged.Error;
            }

            var priced = await store.PricedAsync(target, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None); // see CartStore.ChangeAsync
            return priced;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost($"{CartRoutes.Carts}/{{id:guid}}/merge", async (Guid id, IMediator mediator, ICurrentUser user, CancellationToken ct) =>
                    (await mediator.Send(new Command(id) { UserId = user.UserId }, ct)).ToOk(c => c.Version))
                .RequireUser()
                .WithName("Cart.MergeCart")
                .WithTags(CartModule.ModuleName)
                .WithSummary("Merge an anonymous cart into the user's cart")
                .WithDescription(
                    "Call after sign-in with the id of the cart the shopper filled anonymously; no body. Its lines move " +
                    "into the user's active cart (created if none): quantities of the same product/variant add, capped by " +
                    "the current stock and 999; products no longer sold or sold out are left out. The anonymous cart is " +
                    "gone afterwards (404), but repeating the merge answers the user's cart again. Another user's cart " +
                    "404; merging the user's active cart into itself, or a merge that would make more than 100 lines, 409 " +
                    "(nothing changes). Answers the user's cart.")
                .Produces<CartResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
