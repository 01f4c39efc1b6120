using System.Text.Json.Serialization;
using Carter;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Caching;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.Modules.Catalog.Domain.Categories;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Categories;

public static class UpdateCategory
{
    public sealed record Command(string? Name, string? Slug, Guid? ParentId) : ICategoryInput, IRequest<Result<CategoryResponse>>
    {
        [JsonIgnore]
        public Guid Id { get; init; }
    }

    internal sealed class Validator : CategoryInputValidator<Command>;

    internal sealed class Handler(CatalogDbContext db) : IRequestHandler<Command, Result<CategoryResponse>>
    {
        public async Task<Result<CategoryResponse>> Handle(Command command, CancellationToken cancellationToken)
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken);
            if (category is null)
            {
                return CatalogErrors.CategoryNotFound;
            }

            var slug = CategoryRules.SlugOf(command);
            if (await CategoryRules.CheckAsync(db, command, slug, category.Id, cancellationToken) is { } error)
            {
                return error;
            }

            var parents = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
            if (Category.WouldCreateCycle(category.Id, command.ParentId, parents))
            {
                return Error.Validation("parentId", "A category cannot be moved below itself or one of its subcategories.");
            }

            category.Update(command.Name!.Trim(), slug, command.ParentId);

            // A concurrent create or update may take the slug after the check above: answer as the check then does.
            if (await db.SaveChangesOrRecheckAsync(ct => CategoryRules.CheckAsync(db, command, slug, command.Id, ct), cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return new CategoryResponse(category.Id, category.Slug, category.Name, category.ParentId);
        }
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapPut("/api/admin/catalog/categories/{id:guid}", async (Guid id, Command command, IMediator mediator, CancellationToken ct) =>
                    (await mediator.Send(command with { Id = id }, ct)).ToOk())
                .RequireAdmin()
                .EvictsOutputCache(CatalogModule.CacheTag)
                .WithName("Catalog.UpdateCategory")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("Rename or move a category")
                .WithDescription("Full replace of name, slug and parent. Moving a category below itself or its own subcategory is a 400.")
                .Produces<CategoryResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
