using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Features.Stock;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>
/// An admin's stock count for one variant (a stock take, not a sale): one conditional statement under the product's
/// and variant's row locks, concurrent with sales and reservations; it does not change the product's version.
/// <c>expectedStock</c> makes it a compare-and-set for a recount.
/// </summary>
public static class UpdateVariantStock
{
    public sealed record Command(int? Stock, int? ExpectedStock) : IRequest<Result<ProductResponse>>
    {
        [JsonIgnore]
        public Guid ProductId { get; init; }

        [JsonIgnore]
        public Guid VariantId { get; init; }

        [JsonIgnore]
        public long? ExpectedVersion { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Stock).NotNull().InclusiveBetween(0, ProductLimits.MaxStock);
            RuleFor(c => c.ExpectedStock).InclusiveBetween(0, ProductLimits.MaxStock);
        }
    }

    internal sealed class Handler(CatalogDbContext db, StockLevels stock, IOptions<ShopOptions> shop)
        : IRequestHandler<Command, Result<ProductResponse>>
    {
        public async Task<Result<ProductResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);
            var products = await stock.LockProductsAsync([command.ProductId], cancellationToken);
            if (!products.TryGetValue(command.ProductId, out var product) || product.Archived)
            {
                return CatalogErrors.ProductNotFound;
            }

            if (command.ExpectedVersion is { } expectedVersion && expectedVersion != product.Version)
            {
                return Error.StaleVersion(product.Version);
            }

            var variants = await stock.LockVariantsAsync([command.VariantId], cancellationToken);
            if (!variants.TryGetValue(command.VariantId, out var variant) || variant.ProductId != command.ProductId)
            {
                return Error.NotFound("catalog.variant_not_found", "The product has no variant with this id.");
            }

            if (command.ExpectedStock is { } expected && expected != variant.Stock)
            {
                return Error.Conflict(
                    "catalog.stock_changed",
                    $"The variant's stock is {variant.Stock}, not the expected {expected} (units were sold or counted meanwhile). Recount and try again.");
            }

            await stock.SetAsync(command.ProductId, [new StockTake(command.VariantId, command.Stock!.Value)], cancellationToken);
            await stock.PublishAsync([command.ProductId], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var response = await db.Products.AsNoTracking()
                .Where(p => p.Id == command.ProductId)
                .Join(db.Categories, p => p.CategoryId, c => c.Id, ProductProjection.ToResponse(shop.Value.Currency))
                .SingleAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return response;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/admin/catalog/products/{id:guid}/variants/{variantId:guid}/stock",
                    async (Guid id, Guid variantId, Command command, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                        request.TryGetExpectedVersion(out var version, out var problem)
                            ? (await mediator.Send(command with { ProductId = id, VariantId = variantId, ExpectedVersion = version }, ct))
                                .ToOk(p => p.Version)
                            : problem!)
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag)
                .WithName("Catalog.UpdateVariantStock")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Set a variant's stock (a stock take)")
                .WithDescription("Sets the stock of one variant (≥ 0) and answers the updated product; the product's stock becomes the sum of its variants'. " +
                                 "Stock counts the units available to sell: units held by open checkouts (reservations) are not in it, so a count " +
                                 "of the shelf must leave them out. " +
                                 "Runs alongside sales and reservations and does not change the product's `version` (its ETag). " +
                                 "`expectedStock` (optional) makes it a compare-and-set for a recount: 409 `catalog.stock_changed` when the " +
                                 "current stock differs. `If-Match` (the product's version) is honoured when sent.")
                .Produces<ProductResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
