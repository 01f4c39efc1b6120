using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

public static class CreateProduct
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
        IReadOnlyList<VariantInput>? Variants) : IProductInput, IRequest<Result<ProductResponse>>;

    internal sealed class Validator : ProductInputValidator<Command>
    {
        public Validator() =>
            // On create every variant is new: it needs its stock (on a replace an existing variant may leave it out).
            RuleForEach(p => p.Variants).ChildRules(variant => variant.RuleFor(v => v!.Stock).NotNull()).When(p => p.Variants is not null);
    }

    internal sealed class Handler(CatalogDbContext db, ProductWriter writer, TimeProvider clock, IOptions<ShopOptions> shop)
        : IRequestHandler<Command, Result<ProductResponse>>
    {
        public async Task<Result<ProductResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var draft = ProductWriter.ToDraft(command);
            if (await writer.CheckAsync(draft, productId: null, cancellationToken) is { } error)
            {
                return error;
            }

            var now = clock.GetUtcNow();
            var product = Product.Create(draft, now);
            db.Products.Add(product);
            db.Publish(ProductEvents.Created(product, now));

            // A concurrent create may take the slug or a sku after the check above: answer as the check then does.
            if (await db.SaveChangesOrRecheckAsync(ct => writer.CheckAsync(draft, productId: null, ct), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == product.CategoryId, cancellationToken);
            return ProductProjection.From(product, category, shop.Value.Currency);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/admin/catalog/products", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToCreated(p => $"/api/catalog/products/{p.Slug}", p => p.Version))
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag) // before WithIdempotency: evicts after the commit
                .WithIdempotency<CatalogDbContext>()
                .WithName("Catalog.CreateProduct")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Create a product")
                .WithDescription("Creates a product with its variants. `slug` is derived from `name` when absent and must be unique (409); " +
                                 "variant skus must be unique (409); a variant's `price` defaults to the product's. `stock` applies only " +
                                 "to a product without variants; otherwise the product's stock is the sum of its variants'.")
                .Produces<ProductResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
