using System.Text.Json.Serialization;
using Carter;
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
using ModularShop.Modules.Catalog.Features.Stock;
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

    internal sealed class Handler(CatalogDbContext db, ProductWriter writer, StockLevels stock, TimeProvider clock, IOptions<ShopOptions> shop)
        : IRequestHandler<Command, Result<ProductResponse>>
    {
        public async Task<Result<ProductResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginOrJoinTransactionAsync(cancellationToken);

            // The product's row lock first, as every stock change takes it (then variants): EF writes variant rows
            // before the product row, so without it an edit and a sale could lock the two in opposite orders.
            await stock.LockProductsAsync([command.Id], cancellationToken);
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
            var variantsBefore = product.Variants.Select(v => v.Id).ToHashSet();
            var replaced = product.Replace(draft, now);
            if (!replaced.IsSuccess)
            {
                return replaced.Error;
            }

            // The descriptive fields (EF never writes stock after the insert), guarded by the version; a concurrent write
            // may take the slug or a sku after the check above: answer as the check then does...
            if (await db.SaveChangesOrRecheckAsync(ct => writer.CheckAsync(draft, command.Id, ct), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            // ...then the stock: stock takes the body asked for, and the product's total when variants came or went.
            // Stock left out stays as it is, sales made meanwhile included.
            var takes = replaced.Value;
            if (takes.Count > 0 || !variantsBefore.SetEquals(product.Variants.Select(v => v.Id)))
            {
                // Lock order of every stock change: the product (locked above), then its variants.
                await stock.LockVariantsAsync(takes.Where(t => t.VariantId is not null).Select(t => t.VariantId!.Value), cancellationToken);
                await stock.SetAsync(product.Id, takes, cancellationToken);
                await stock.PublishAsync([product.Id], cancellationToken);
            }

            var levels = (await stock.ReadAsync([product.Id], cancellationToken))[product.Id];
            db.Publish(ProductEvents.Updated(product, levels, now));
            await db.SaveChangesAsync(cancellationToken);
            var response = await db.Products.AsNoTracking()
                .Where(p => p.Id == product.Id)
                .Join(db.Categories, p => p.CategoryId, c => c.Id, ProductProjection.ToResponse(shop.Value.Currency))
                .SingleAsync(cancellationToken);
            await transaction.CommitAsync(CancellationToken.None);
            return response;
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
                .WithDescription("Full replace of the descriptive fields. A variant with an `id` is updated, one without is added (its `stock` is " +
                                 "required), one left out is removed. `stock` may be left out for an existing variant (and for a product without " +
                                 "variants): it is then kept as it is, units sold meanwhile included; when given, it is a stock take that sets it. " +
                                 "Sales and stock changes do not change the product's `version`, so an edit is never refused because units sold. " +
                                 "Send the product's `ETag` in `If-Match` to refuse the change (409) if someone else edited it since you read it.")
                .Produces<ProductResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
