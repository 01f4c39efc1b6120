using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Categories;

public static class ListCategories
{
    /// <summary><c>productCount</c> counts live products of the category and all its subcategories.</summary>
    public sealed record CategoryResponse(Guid Id, string Slug, string Name, Guid? ParentId, int ProductCount);

    public sealed record Query : IRequest<IReadOnlyList<CategoryResponse>>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Query, IReadOnlyList<CategoryResponse>>
    {
        public async Task<IReadOnlyList<CategoryResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var categories = await db.Categories.AsNoTracking()
                .OrderBy(c => c.Name).ThenBy(c => c.Id)
                .Select(c => new { c.Id, c.Slug, c.Name, c.ParentId })
                .ToListAsync(cancellationToken);
            var direct = await db.Products.AsNoTracking()
                .Where(p => p.ArchivedAt == null)
                .GroupBy(p => p.CategoryId)
                .Select(g => new { CategoryId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.CategoryId, g => g.Count, cancellationToken);

            var children = categories.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value, c => c.Id);
            var totals = new Dictionary<Guid, int>();
            int Total(Guid id, int depth) =>
                totals.TryGetValue(id, out var known)
                    ? known
                    : totals[id] = direct.GetValueOrDefault(id) + (depth > 64 ? 0 : children[id].Sum(child => Total(child, depth + 1)));

            return categories.Select(c => new CategoryResponse(c.Id, c.Slug, c.Name, c.ParentId, Total(c.Id, 0))).ToList();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/catalog/categories", async (IMediator mediator, CancellationToken ct) =>
                    TypedResults.Ok(await mediator.Send(new Query(), ct)))
                .CacheOutput(CatalogModule.CachePolicy)
                .WithName("Catalog.ListCategories")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("List categories")
                .WithDescription("Every category, flat, with `parentId` to build the tree; `productCount` includes subcategories' products.")
                .Produces<IReadOnlyList<CategoryResponse>>();
    }
}
