using System.Text.Json.Serialization;
using Carter;
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

public static class ReplaceProduct
{
    public sealed record Command(
        string? Name,
        string? Slug,
        string? Description,
        decimal? Price,
        decimal? ComparePrice,
        IReadOnlyList<string>? Images,
        Guid? CategoryId,
        bool? Featured,
        int? Stock,
        IReadOnlyList<VariantInput>? Variants) : IProductInput, IRequest<Result<ProductResponse>>
    {
        [JsonIgnore]
        public Guid Id { get; init; }

        /// <summary>From <c>If-Match</c>; null replaces whatever the current version is.</summary>
        [JsonIgnore]
        public long? ExpectedVersion { get; init; }
    }

    internal sealed class Validator : ProductInputValidator<Command>;

    internal sealed class Handler(CatalogDbContext db, ProductWriter writer, TimeProvider clock, IOptions<ShopOptions> shop)
        : IRequestHandler<Command, Result<ProductResponse>>
    {
        public async Task<Result<ProductResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var product = await db.Products.Include(p => p.Variants)
                .SingleOrDefaultAsync(p => p.Id == command.Id && p.ArchivedAt == null, cancellationToken);
            if (product is null)
            {
                return CatalogErrors.ProductNotFound;
            }

            if (!product.IsAtVersion(command.ExpectedVersion))
            {
                return Error.StaleVersion(product.Version);
            }

            var draft = ProductWriter.ToDraft(command);
            if (await writer.CheckAsync(draft, product.Id, cancellationToken) is { } error)
            {
                return error;
            }

            var now = clock.GetUtcNow();
            var replaced = product.Replace(draft, now);
            if (!replaced.IsSuccess)
            {
                return replaced.Error;
            }

            db.Publish(ProductEvents.Updated(product, now));
            await db.SaveChangesAsync(cancellationToken);
            var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == product.CategoryId, cancellationToken);
            return ProductProjection.From(product, category, shop.Value.Currency);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/admin/catalog/products/{id:guid}", async (Guid id, Command command, HttpRequest request, IMediator mediator, CancellationToken ct) =>
                    request.TryGetExpectedVersion(out var version, out var problem)
                        ? (await mediator.Send(command with { Id = id, ExpectedVersion = version }, ct)).ToOk(p => p.Version)
                        : problem!)
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag)
                .WithName("Catalog.ReplaceProduct")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Replace a product")
                .WithDescription("Full replace. A variant with an `id` is updated, one without is added, one left out is removed. " +
                                 "Send the product's `ETag` in `If-Match` to refuse the change (409) if someone else changed it since you read it.")
                .Produces<ProductResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
