using System.Text;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModularShop.BuildingBlocks.Infrastructure.Persistence;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.BuildingBlocks.Web;
using ModularShop.BuildingBlocks.Web.Http;
using ModularShop.BuildingBlocks.Web.Validation;
using ModularShop.Modules.Catalog.Domain.Products;
using ModularShop.Modules.Catalog.Persistence;
using ModularShop.Modules.Catalog.Persistence.Configurations;
using NpgsqlTypes;

namespace ModularShop.Modules.Catalog.Features.Products;

public static class ListProducts
{
    public static class Sorts
    {
        public const string Relevance = "relevance";
        public const string Newest = "newest";
        public const string PriceAsc = "price_asc";
        public const string PriceDesc = "price_desc";
        public const string Name = "name";

        public static readonly string[] All = [Relevance, Newest, PriceAsc, PriceDesc, Name];
    }

    public sealed record Query(
        int Page,
        int PageSize,
        string? Q,
        string? Category,
        decimal? MinPrice,
        decimal? MaxPrice,
        bool? Featured,
        bool? InStock,
        string? Sort) : IPagedQuery, IRequest<Result<PagedResult<ProductResponse>>>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.ValidatePaging();
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Category).Slug().When(q => q.Category is not null);
            RuleFor(q => q.MinPrice).Money();
            RuleFor(q => q.MaxPrice).Money()
                .GreaterThanOrEqualTo(q => q.MinPrice).When(q => q.MinPrice is not null && q.MaxPrice is not null)
                .WithMessage("Must not be less than minPrice.");
            RuleFor(q => q.Sort).Must(s => s is null || Sorts.All.Contains(s))
                .WithMessage($"Must be one of: {string.Join(", ", Sorts.All)}.");
        }
    }

    internal sealed class Handler(CatalogDbContext db, IOptions<ShopOptions> shop)
        : IRequestHandler<Query, Result<PagedResult<ProductResponse>>>
    {
        public async Task<Result<PagedResult<ProductResponse>>> Handle(Query query, CancellationToken cancellationToken)
        {
            var products = db.Products.AsNoTracking().Where(p => p.ArchivedAt == null);

            var terms = SearchTerms.ToTsQuery(query.Q);
            if (terms is not null)
            {
                products = products.Where(p =>
                    EF.Property<NpgsqlTsVector>(p, ProductConfiguration.SearchVector).Matches(EF.Functions.ToTsQuery(ProductConfiguration.SearchConfig, terms)));
            }

            if (query.Category is not null)
            {
                var categoryIds = await db.Database.SqlQuery<Guid>($"""
                    WITH RECURSIVE tree AS (
                        SELECT id FROM catalog.categories WHERE slug = {query.Category}
                        UNION ALL
                        SELECT c.id FROM catalog.categories c JOIN tree t ON c.parent_id = t.id)
                    SELECT id AS "Value" FROM tree
                    """).ToListAsync(cancellationToken);
                products = products.Where(p => categoryIds.Contains(p.CategoryId));
            }

            if (query.MinPrice is { } min)
            {
                products = products.Where(p => p.Price >= min);
            }

            if (query.MaxPrice is { } max)
            {
                products = products.Where(p => p.Price <= max);
            }

            if (query.Featured is { } featured)
            {
                products = products.Where(p => p.Featured == featured);
            }

            if (query.InStock is { } inStock)
            {
                products = inStock ? products.Where(p => p.Stock > 0) : products.Where(p => p.Stock == 0);
            }

            var sorted = Sort(products, query.Sort ?? (terms is null ? Sorts.Newest : Sorts.Relevance), terms);
            var page = await sorted
                .Join(db.Categories, p => p.CategoryId, c => c.Id, ProductProjection.ToResponse(shop.Value.Currency))
                // One statement (not a split query): page and variants come from the same snapshot.
                .ToPagedResultAsync(query, cancellationToken);
            return page;
        }

        private static IQueryable<Product> Sort(IQueryable<Product> products, string sort, string? terms) => sort switch
        {
            Sorts.Relevance when terms is not null => products
                .OrderByDescending(p => EF.Property<NpgsqlTsVector>(p, ProductConfiguration.SearchVector)
                    .Rank(EF.Functions.ToTsQuery(ProductConfiguration.SearchConfig, terms)))
                .ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
            Sorts.PriceAsc => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
            Sorts.PriceDesc => products.OrderByDescending(p => p.Price).ThenByDescending(p => p.Id),
            // Alphabetical regardless of case ("apple" before "Banana"), whatever the database's collation.
            // Case-insensitive (the clusters use the C collation), served by ix_products_name_ci (lower(name), id).
            Sorts.Name => products.OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Id),
            _ => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
    }

    public sealed class Endpoint : ICarterModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) =>
            app.MapGet("/api/catalog/products", async (
                    IMediator mediator,
                    CancellationToken ct,
                    int page = 1,
                    int pageSize = Paging.DefaultPageSize,
                    string? q = null,
                    string? category = null,
                    decimal? minPrice = null,
                    decimal? maxPrice = null,
                    bool? featured = null,
                    bool? inStock = null,
                    string? sort = null) =>
                    (await mediator.Send(new Query(page, pageSize, q, category, minPrice, maxPrice, featured, inStock, sort), ct)).ToOk())
                .CacheOutput(CatalogModule.CachePolicy)
                .WithName("Catalog.ListProducts")
                .WithTags(CatalogModule.ModuleName)
                .WithSummary("List and search products")
                .WithDescription("Paged list of live products. `q`: words in name or description (case-insensitive, prefix match, all words must match); " +
                                 "`category`: a category slug, subcategories included; `minPrice`/`maxPrice` on the product price; `featured`; `inStock`. " +
                                 "`sort`: `relevance` (default with `q`), `newest` (default), `price_asc`, `price_desc`, `name`.")
                .Produces<PagedResult<ProductResponse>>()
                .ProducesValidationProblem();
    }
}

/// <summary>Turns free text into a safe PostgreSQL tsquery: every word must match, as a prefix.</summary>
internal static class SearchTerms
{
    private const int MaxWords = 10;
    private const int MaxWordLength = 50;

    /// <summary><c>"Blue  t-shirt"</c> → <c>blue:* &amp; t:* &amp; shirt:*</c>; null when there is no word.</summary>
    public static string? ToTsQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (word.Length < MaxWordLength)
                {
                    word.Append(char.ToLowerInvariant(c));
                }
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        return words.Count == 0
            ? null
            : string.Join(" & ", words.Distinct().Take(MaxWords).Select(w => w + ":*"));
    }
}
