using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularShop.BuildingBlocks.Infrastructure.Idempotency;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Categories;

public static class CreateCategory
{
    public sealed record Command(string? Name, string? Slug, Guid? ParentId) : ICategoryInput, IRequest<Result<CategoryResponse>>;

    internal sealed class Validator : CategoryInputValidator<Command>;

    internal sealed class Handler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<Command, Result<CategoryResponse>>
    {
        public async Task<Result<CategoryResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var slug = CategoryRules.SlugOf(command);
            if (await CategoryRules.CheckAsync(db, command, slug, categoryId: null, cancellationToken) is { } error)
            {
                return error;
            }

            var category = Category.Create(command.Name!.Trim(), slug, command.ParentId, clock.GetUtcNow());
            db.Categories.Add(category);

            // A concurrent create or update may take the slug after the check above: answer as the check then does.
            if (await db.SaveChangesOrRecheckAsync(ct => CategoryRules.CheckAsync(db, command, slug, categoryId: null, ct), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return new CategoryResponse(category.Id, category.Slug, category.Name, category.ParentId);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPost("/api/admin/catalog/categories", async (Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command, ct)).ToCreated(c => $"/api/admin/catalog/categories/{c.Id}"))
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag) // before WithIdempotency: evicts after the commit
                .WithIdempotency<CatalogDbContext>()
                .WithName("Catalog.CreateCategory")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Create a category")
                .WithDescription("`slug` is derived from `name` when absent and must be unique (409). `parentId` makes it a subcategory.")
                .Produces<CategoryResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
