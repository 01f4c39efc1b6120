using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

public static class GetProduct
{
    public sealed record Query(string IdOrSlug) : IRequest<Result<ProductResponse>>;

    internal sealed class Handler(CatalogDbContext db, IOptions<ShopOptions> shop) : IRequestHandler<Query, Result<ProductResponse>>
    {
        public async Task<Result<ProductResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var live = db.Products.AsNoTracking().Where(p => p.ArchivedAt == null);
            live = Guid.TryParse(query.IdOrSlug, out var id)
                ? live.Where(p => p.Id == id)
                : live.Where(p => p.Slug == query.IdOrSlug);
            var product = await live
                .Join(db.Categories, p => p.CategoryId, c => c.Id, ProductProjection.ToResponse(shop.Value.Currency))
                .SingleOrDefaultAsync(cancellationToken);
            return product is null ? CatalogErrors.ProductNotFound : product;
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/catalog/products/{idOrSlug}", async (string idOrSlug, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Query(idOrSlug), ct)).ToOk(p => p.Version))
                .CacheOutput(CatalogModule.CachePolicy)
                .WithName("Catalog.GetProduct")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Get a product by id or slug")
                .WithDescription("Answers the product with its category and variants, and its `version` as `ETag` (send it back in `If-Match` to edit). " +
                                 "The version guards the descriptive fields only: stock changes (`stockVersion`) do not change it, so conditional " +
                                 "GETs are always answered in full (never 304), with the current stock. Archived products answer 404.")
                .Produces<ProductResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
