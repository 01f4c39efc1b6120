using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Catalog.Domain;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Categories;

/// <summary>The category write body shared by create and update.</summary>
public interface ICategoryInput
{
    string? Name { get; }

    string? Slug { get; }

    Guid? ParentId { get; }
}

/// <summary>A category as the admin endpoints answer it.</summary>
public sealed record CategoryResponse(Guid Id, string Slug, string Name, Guid? ParentId);

internal abstract class CategoryInputValidator<T> : AbstractValidator<T> where T : ICategoryInput
{
    protected CategoryInputValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).Must(n => n is null || n.Trim().Length > 0).WithMessage("Must not be blank.");
        RuleFor(c => c.Slug).Slug().When(c => c.Slug is not null);
        RuleFor(c => c.ParentId).NotEqual(Guid.Empty);
    }
}

internal static class CategoryRules
{
    public static string SlugOf(ICategoryInput input) => input.Slug ?? Slug.From(input.Name!.Trim());

    /// <summary>Parent exists (400) and the slug is free (409).</summary>
    public static async Task<Error?> CheckAsync(CatalogDbContext db, ICategoryInput input, string slug, Guid? categoryId, CancellationToken ct)
    {
        if (input.ParentId is { } parentId && !await db.Categories.AnyAsync(c => c.Id == parentId, ct))
        {
            return Error.Validation("parentId", "No category has this id.");
        }

        if (await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != categoryId, ct))
        {
            return Error.Conflict("catalog.category_slug_taken", $"Another category already has the slug '{slug}'.");
        }

        return null;
    }
}
