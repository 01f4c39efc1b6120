using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Categories;

public static class DeleteCategory
{
    public sealed record Command(Guid Id) : IRequest<Result>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (category is null)
            {
                return CatalogErrors.CategoryNotFound;
            }

            if (await db.Categories.AnyAsync(c => c.ParentId == command.Id, cancellationToken))
            {
                return Error.Conflict("catalog.category_has_children", "Move or delete the subcategories first.");
            }

            // Archived products count too: orders still show them in their category.
            if (await db.Products.AnyAsync(p => p.CategoryId == command.Id, cancellationToken))
            {
                return Error.Conflict("catalog.category_in_use", "Products (live or archived) belong to this category; move them first.");
            }

            db.Categories.Remove(category);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/admin/catalog/categories/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(new Command(id), ct)).ToNoContent())
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag)
                .WithName("Catalog.DeleteCategory")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Delete an empty category")
                .WithDescription("Only a category without subcategories and products can be deleted; otherwise 409.")
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
