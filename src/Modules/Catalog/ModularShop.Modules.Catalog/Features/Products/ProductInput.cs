using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Catalog.Domain;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Persistence;

namespace ModularShop.Modules.Catalog.Features.Products;

/// <summary>
/// The product write body shared by create and full replace. Properties are nullable so that a missing
/// field is reported by name (400 <c>errors.price</c>) instead of silently becoming 0.
/// </summary>
public interface IProductInput
{
    string? Name { get; }

    string? Slug { get; }

    string? Description { get; }

    decimal? Price { get; }

    decimal? ComparePrice { get; }

    IReadOnlyList<string>? Images { get; }

    Guid? CategoryId { get; }

    bool? Featured { get; }

    int? Stock { get; }

    IReadOnlyList<VariantInput>? Variants { get; }
}

/// <summary>A variant in a write body: with an <c>id</c> it updates that variant, without it adds one.</summary>
public sealed record VariantInput(Guid? Id, string? Name, Dictionary<string, string>? Options, decimal? Price, int? Stock, string? Sku);

internal static class ProductLimits
{
    public const int MaxStock = 1_000_000;
    public const int MaxImages = 20;
    public const int MaxVariants = 100;
    public const int MaxOptions = 10;
}

/// <summary>Shape rules of <see cref="IProductInput"/>; conflicts that need the database are checked by <see cref="ProductWriter"/>.</summary>
internal abstract class ProductInputValidator<T> : AbstractValidator<T> where T : IProductInput
{
    protected ProductInputValidator()
    {
        RuleFor(p => p.Name).NotEmpty().MaximumLength(200).Must(n => n is null || n.Trim().Length > 0).WithMessage("Must not be blank.");
        RuleFor(p => p.Slug).Slug().When(p => p.Slug is not null);
        RuleFor(p => p.Description).MaximumLength(10_000);
        RuleFor(p => p.Price).NotNull().Money();
        RuleFor(p => p.ComparePrice).Money()
            .GreaterThan(p => p.Price).When(p => p.ComparePrice is not null && p.Price is not null)
            .WithMessage("Must be greater than price (it is the price before the discount).");
        RuleFor(p => p.Images).MaxItems(ProductLimits.MaxImages)
            .WithMessage($"At most {ProductLimits.MaxImages} images.");
        RuleForEach(p => p.Images).NotEmpty().MaximumLength(2048).Must(BeAnImageUrl)
            .WithMessage("Must be an absolute http(s) URL or a path starting with '/'.");
        RuleFor(p => p.CategoryId).NotNull().NotEqual(Guid.Empty);
        RuleFor(p => p.Stock).InclusiveBetween(0, ProductLimits.MaxStock);
        RuleFor(p => p.Variants).MaxItems(ProductLimits.MaxVariants)
            .WithMessage($"At most {ProductLimits.MaxVariants} variants.")
            .Must(HaveUniqueSkus).WithMessage("Each variant needs its own sku.");
        RuleForEach(p => p.Variants).NotNull().ChildRules(variant =>
        {
            variant.RuleFor(v => v!.Name).NotEmpty().MaximumLength(200);
            variant.RuleFor(v => v!.Sku).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
                .WithMessage("Must contain only letters, digits, '.', '_' and '-'.");
            variant.RuleFor(v => v!.Price).Money();
            variant.RuleFor(v => v!.Stock).InclusiveBetween(0, ProductLimits.MaxStock);
            variant.RuleFor(v => v!.Options).MaxItems(ProductLimits.MaxOptions)
                .WithMessage($"At most {ProductLimits.MaxOptions} options.")
                .Must(o => o is null || o.All(kv => kv.Key.Trim().Length is > 0 and <= 50 && kv.Value is { Length: > 0 and <= 100 }))
                .WithMessage("Option names must be 1–50 and values 1–100 characters.");
        });
    }

    private static bool BeAnImageUrl(string? url) =>
        url is not null &&
        ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(url, UriKind.Relative)) ||
         (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)));

    private static bool HaveUniqueSkus(IReadOnlyList<VariantInput>? variants) =>
        variants is null ||
        variants.Where(v => v?.Sku is not null).Select(v => v.Sku!.ToUpperInvariant()).Distinct().Count() ==
        variants.Count(v => v?.Sku is not null);
}

/// <summary>Turns a validated input into a <see cref="ProductDraft"/> and checks what needs the database.</summary>
internal sealed class ProductWriter(CatalogDbContext db)
{
    public static ProductDraft ToDraft(IProductInput input)
    {
        var name = input.Name!.Trim();
        var variants = (input.Variants ?? []).Select(v => new VariantDraft(
                v.Id, v.Name!.Trim(), v.Options ?? new Dictionary<string, string>(), v.Price, v.Stock, v.Sku!.Trim()))
            .ToList();
        return new ProductDraft(
            name,
            input.Slug ?? Slug.From(name),
            input.Description ?? string.Empty,
            input.Price!.Value,
            input.ComparePrice,
            input.Images ?? [],
            input.CategoryId!.Value,
            input.Featured ?? false,
            variants.Count > 0 ? null : input.Stock,
            variants);
    }

    /// <summary>Category exists (400), slug (409) and skus (409) are not taken by another product.</summary>
    public async Task<Error?> CheckAsync(ProductDraft draft, Guid? productId, CancellationToken ct)
    {
        if (!await db.Categories.AnyAsync(c => c.Id == draft.CategoryId, ct))
        {
            return Error.Validation("categoryId", "No category has this id.");
        }

        if (await db.Products.AnyAsync(p => p.Slug == draft.Slug && p.Id != productId, ct))
        {
            return Error.Conflict("catalog.slug_taken", $"Another product already has the slug '{draft.Slug}'.");
        }

        var skus = draft.Variants.Select(v => v.Sku).ToList();
        if (skus.Count > 0)
        {
            var taken = await db.Variants
                .Where(v => skus.Contains(v.Sku) && v.ProductId != productId)
                .Select(v => v.Sku)
                .FirstOrDefaultAsync(ct);
            if (taken is not null)
            {
                return Error.Conflict("catalog.sku_taken", $"Another product already has a variant with sku '{taken}'.");
            }
        }

        return null;
    }
}
