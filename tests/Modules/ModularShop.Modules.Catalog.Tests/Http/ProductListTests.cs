using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary><c>GET /api/catalog/products</c>: filters, sorts and paging. Each test works inside its own category.</summary>
public sealed class ProductListTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    [Fact]
    public async Task Search_matches_words_in_name_or_description_case_insensitively()
    {
        var category = await _catalog.CreateCategoryAsync();
        var word = CatalogDriver.UniqueWord();
        var inName = await _catalog.CreateProductAsync(category.Id, name: $"Lantern {word}");
        var inDescription = await _catalog.CreateProductAsync(category.Id, description: $"A sturdy {word} for camping.");
        await _catalog.CreateProductAsync(category.Id, name: "Unrelated thing");

        var page = await _catalog.ListAsync($"q={word.ToUpperInvariant()}&category={category.Slug}");

        page.Items.Select(p => p.Id).ShouldBe([inName.Id, inDescription.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Search_requires_every_word_to_match()
    {
        var category = await _catalog.CreateCategoryAsync();
        var word = CatalogDriver.UniqueWord();
        var both = await _catalog.CreateProductAsync(category.Id, name: $"Blue {word}");
        await _catalog.CreateProductAsync(category.Id, name: $"Red {word}");

        var page = await _catalog.ListAsync($"q=bLuE%20{word}");

        page.Items.Select(p => p.Id).ShouldBe([both.Id]);
    }

    [Fact]
    public async Task Search_without_matches_answers_an_empty_page()
    {
        var page = await _catalog.ListAsync($"q={CatalogDriver.UniqueWord()}");

        page.Items.ShouldBeEmpty();
        page.TotalCount.ShouldBe(0);
        page.TotalPages.ShouldBe(0);
    }

    [Fact]
    public async Task Search_sorts_by_relevance_by_default()
    {
        var word = CatalogDriver.UniqueWord();
        var category = await _catalog.CreateCategoryAsync();
        // Created first (older), but mentions the word far more often: relevance must beat "newest".
        var strong = await _catalog.CreateProductAsync(category.Id, name: $"{word} deluxe", description: $"{word} {word} {word} all the way.");
        var weak = await _catalog.CreateProductAsync(category.Id, name: "Plain item", description: $"Mentions {word} once.");

        var byDefault = await _catalog.ListAsync($"q={word}");
        var byNewest = await _catalog.ListAsync($"q={word}&sort=newest");

        byDefault.Items.Select(p => p.Id).ShouldBe([strong.Id, weak.Id]);
        byNewest.Items.Select(p => p.Id).ShouldBe([weak.Id, strong.Id]);
    }

    [Fact]
    public async Task Category_filter_includes_products_of_subcategories()
    {
        var parent = await _catalog.CreateCategoryAsync();
        var child = await _catalog.CreateCategoryAsync(parentId: parent.Id);
        var grandchild = await _catalog.CreateCategoryAsync(parentId: child.Id);
        var sibling = await _catalog.CreateCategoryAsync();
        var inParent = await _catalog.CreateProductAsync(parent.Id);
        var inChild = await _catalog.CreateProductAsync(child.Id);
        var inGrandchild = await _catalog.CreateProductAsync(grandchild.Id);
        await _catalog.CreateProductAsync(sibling.Id);

        var all = await _catalog.ListAsync($"category={parent.Slug}");
        var below = await _catalog.ListAsync($"category={child.Slug}");

        all.Items.Select(p => p.Id).ShouldBe([inParent.Id, inChild.Id, inGrandchild.Id], ignoreOrder: true);
        below.Items.Select(p => p.Id).ShouldBe([inChild.Id, inGrandchild.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Unknown_category_filter_lists_nothing()
    {
        var page = await _catalog.ListAsync($"category=no-such-{CatalogDriver.UniqueWord()}");

        page.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Price_filters_are_inclusive_bounds_on_the_product_price()
    {
        var category = await _catalog.CreateCategoryAsync();
        var cheap = await _catalog.CreateProductAsync(category.Id, price: 5m);
        var middle = await _catalog.CreateProductAsync(category.Id, price: 15m);
        var dear = await _catalog.CreateProductAsync(category.Id, price: 25.50m);

        (await _catalog.ListAsync($"category={category.Slug}&minPrice=15")).Items.Select(p => p.Id)
            .ShouldBe([middle.Id, dear.Id], ignoreOrder: true);
        (await _catalog.ListAsync($"category={category.Slug}&maxPrice=15")).Items.Select(p => p.Id)
            .ShouldBe([cheap.Id, middle.Id], ignoreOrder: true);
        (await _catalog.ListAsync($"category={category.Slug}&minPrice=10&maxPrice=20.99")).Items.Select(p => p.Id)
            .ShouldBe([middle.Id]);
        (await _catalog.ListAsync($"category={category.Slug}&minPrice=25.5")).Items.Select(p => p.Id)
            .ShouldBe([dear.Id]);
    }

    [Fact]
    public async Task Featured_filter_selects_featured_or_not_featured_products()
    {
        var category = await _catalog.CreateCategoryAsync();
        var featured = await _catalog.CreateProductAsync(category.Id, featured: true);
        var ordinary = await _catalog.CreateProductAsync(category.Id, featured: false);

        (await _catalog.ListAsync($"category={category.Slug}&featured=true")).Items.Select(p => p.Id).ShouldBe([featured.Id]);
        (await _catalog.ListAsync($"category={category.Slug}&featured=false")).Items.Select(p => p.Id).ShouldBe([ordinary.Id]);
        (await _catalog.ListAsync($"category={category.Slug}")).Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task In_stock_filter_uses_the_stock_of_the_product_or_its_variants()
    {
        var category = await _catalog.CreateCategoryAsync();
        var inStock = await _catalog.CreateProductAsync(category.Id, stock: 3);
        var soldOut = await _catalog.CreateProductAsync(category.Id, stock: 0);
        var variantsSoldOut = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(stock: 0), CatalogDriver.VariantBody(stock: 0)]));
        var variantsInStock = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(stock: 0), CatalogDriver.VariantBody(stock: 2)]));

        (await _catalog.ListAsync($"category={category.Slug}&inStock=true")).Items.Select(p => p.Id)
            .ShouldBe([inStock.Id, variantsInStock.Id], ignoreOrder: true);
        (await _catalog.ListAsync($"category={category.Slug}&inStock=false")).Items.Select(p => p.Id)
            .ShouldBe([soldOut.Id, variantsSoldOut.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Newest_first_is_the_default_order_without_search()
    {
        var category = await _catalog.CreateCategoryAsync();
        var first = await _catalog.CreateProductAsync(category.Id);
        var second = await _catalog.CreateProductAsync(category.Id);
        var third = await _catalog.CreateProductAsync(category.Id);

        var byDefault = await _catalog.ListAsync($"category={category.Slug}");
        var byNewest = await _catalog.ListAsync($"category={category.Slug}&sort=newest");

        byDefault.Items.Select(p => p.Id).ShouldBe([third.Id, second.Id, first.Id]);
        byNewest.Items.Select(p => p.Id).ShouldBe([third.Id, second.Id, first.Id]);
    }

    [Theory]
    [InlineData("price_asc", new[] { "b", "c", "a" })]
    [InlineData("price_desc", new[] { "a", "c", "b" })]
    [InlineData("name", new[] { "a", "b", "c" })]
    public async Task Sort_orders_the_list(string sort, string[] expectedOrder)
    {
        var category = await _catalog.CreateCategoryAsync();
        var word = CatalogDriver.UniqueWord();
        var products = new Dictionary<string, ProductDto>
        {
            ["c"] = await _catalog.CreateProductAsync(category.Id, name: $"Cherry {word}", price: 20m),
            ["a"] = await _catalog.CreateProductAsync(category.Id, name: $"apple {word}", price: 30m),
            ["b"] = await _catalog.CreateProductAsync(category.Id, name: $"Banana {word}", price: 10m),
        };

        var page = await _catalog.ListAsync($"category={category.Slug}&sort={sort}");

        page.Items.Select(p => p.Id).ShouldBe(expectedOrder.Select(k => products[k].Id));
    }

    [Fact]
    public async Task Pages_have_the_documented_shape_and_split_the_list()
    {
        var category = await _catalog.CreateCategoryAsync();
        var created = new List<ProductDto>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await _catalog.CreateProductAsync(category.Id));
        }

        var json = await (await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?category={category.Slug}&page=1&pageSize=2", TestContext.Current.CancellationToken))
            .ReadJsonElementAsync();
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["items", "page", "pageSize", "totalCount", "totalPages"], ignoreOrder: true);

        var pages = new[]
        {
            await _catalog.ListAsync($"category={category.Slug}&page=1&pageSize=2"),
            await _catalog.ListAsync($"category={category.Slug}&page=2&pageSize=2"),
            await _catalog.ListAsync($"category={category.Slug}&page=3&pageSize=2"),
        };
        var beyond = await _catalog.ListAsync($"category={category.Slug}&page=4&pageSize=2");

        pages.Select(p => p.Items.Count).ShouldBe([2, 2, 1]);
        pages.ShouldAllBe(p => p.TotalCount == 5 && p.TotalPages == 3 && p.PageSize == 2);
        pages.Select(p => p.Page).ShouldBe([1, 2, 3]);
        pages.SelectMany(p => p.Items).Select(p => p.Id).ShouldBe(created.Select(p => p.Id).Reverse());
        beyond.Items.ShouldBeEmpty();
        beyond.TotalCount.ShouldBe(5);
    }

    [Fact]
    public async Task Default_page_is_the_first_with_twenty_items()
    {
        var page = await _catalog.ListAsync("sort=name");

        page.Page.ShouldBe(1);
        page.PageSize.ShouldBe(20);
    }

    [Fact]
    public async Task Page_size_of_one_hundred_is_allowed()
    {
        var page = await _catalog.ListAsync("pageSize=100");

        page.PageSize.ShouldBe(100);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    public async Task Paging_out_of_bounds_is_rejected_naming_the_field(string query, string field)
    {
        var response = await _catalog.Anonymous.GetAsync($"{CatalogDriver.Products}?{query}", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task Archived_products_are_not_listed()
    {
        var category = await _catalog.CreateCategoryAsync();
        var kept = await _catalog.CreateProductAsync(category.Id);
        var archived = await _catalog.CreateProductAsync(category.Id);
        (await _catalog.ArchiveProductAsync(archived.Id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var page = await _catalog.ListAsync($"category={category.Slug}");

        page.Items.Select(p => p.Id).ShouldBe([kept.Id]);
        page.TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task Listed_products_carry_price_currency_category_and_variants()
    {
        var category = await _catalog.CreateCategoryAsync();
        var sku = CatalogDriver.UniqueSku();
        await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, price: 19.99m, stock: null,
            variants: [CatalogDriver.VariantBody(sku, stock: 4)]));

        var listed = (await _catalog.ListAsync($"category={category.Slug}")).Items.ShouldHaveSingleItem();

        listed.Price.ShouldBe(19.99m);
        listed.Currency.ShouldBe("USD");
        listed.Category.ShouldBe(new CategoryRefDto(category.Id, category.Slug, category.Name));
        listed.Variants.ShouldHaveSingleItem().Sku.ShouldBe(sku);
        listed.Stock.ShouldBe(4);
    }
}
