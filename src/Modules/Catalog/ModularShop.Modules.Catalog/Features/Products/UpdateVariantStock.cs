using System.Text.Json.Serialization;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>An admin's stock count for one variant (a stock take, not a sale).</summary>
public static class UpdateVariantStock
{
    public sealed record Command(int? Stock) : IRequest<Result<ProductResponse>>
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
        public Validator() => RuleFor(c => c.Stock).NotNull().InclusiveBetween(0, ProductLimits.MaxStock);
    }

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock, IOptions<ShopOptions> shop)
        : IRequestHandler<Command, Result<ProductResponse>>
    {
        private const int Attempts = 3;

        public async Task<Result<ProductResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var product = await db.Products.Include(p => p.Variants)
                    .SingleOrDefaultAsync(p => p.Id == command.ProductId && p.ArchivedAt == null, cancellationToken);
                if (product is null)
                {
                    return CatalogErrors.ProductNotFound;
                }

                if (!product.IsAtVersion(command.ExpectedVersion))
                {
                    return Error.StaleVersion(product.Version);
                }

                var now = clock.GetUtcNow();
                var set = product.SetVariantStock(command.VariantId, command.Stock!.Value, now);
                if (!set.IsSuccess)
                {
                    return set.Error;
                }

                db.Publish(ProductEvents.StockChanged(product, command.VariantId, command.Stock.Value, now));
                db.Publish(ProductEvents.Updated(product, now));

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == product.CategoryId, cancellationToken);
                    return ProductProjection.From(product, category, shop.Value.Currency);
                }
                catch (DbUpdateConcurrencyException) when (command.ExpectedVersion is null && attempt < Attempts)
                {
                    // Another change to the product won the race; a stock count without If-Match simply re-applies.
                    db.ChangeTracker.Clear();
                }
            }
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
                .WithSummary("Set a variant's stock")
                .WithDescription("Sets the stock of one variant (≥ 0) and answers the updated product; the product's stock becomes the sum of its variants'. `If-Match` is honoured.")
                .Produces<ProductResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
