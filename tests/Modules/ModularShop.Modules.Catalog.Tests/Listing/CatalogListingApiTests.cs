using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Tests.Stock;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Listing;

/// <summary>Decision 0013: the shop window's view of the catalog through <see cref="ICatalogApi"/> (as the storefront
/// will call it) — the same filters, search, sort, validation and archived-product rules as the REST list.</summary>
public sealed class CatalogListingApiTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Category, Guid Cheap, Guid Dear, Guid Archived)> SeedAsync()
    {
        var admin = factory.CreateAdminClient();
        var name = $"Lamps {Guid.NewGuid():N}"[..20];
        var category = await (await admin.PostAsJsonAsync("/api/admin/catalog/categories", new { name }, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created);
        var categoryId = category["id"]!.GetValue<Guid>();
        async Task<Guid> ProductAsync(string productName, decimal price, int stock, object[]? variants = null) =>
            (await (await admin.PostAsJsonAsync("/api/admin/catalog/products", new
            {
                name = productName,
                description = $"{productName}, a lamp for reading",
                price,
                categoryId,
                stock,
                images = new[] { "/img/lamp.jpg" },
                variants,
            }, Ct)).ReadJsonAsync<JsonObject>(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

        var cheap = await ProductAsync($"Brass lamp {Guid.NewGuid():N}"[..18], 19.5m, 4);
        var dear = await ProductAsync($"Glass lamp {Guid.NewGuid():N}"[..18], 120m, 0, [new { name = "Glass lamp — green", options = new { color = "green" }, price = 125m, stock = 3, sku = $"GLASS-GREEN-{Guid.NewGuid():N}"[..20] }]);
        var archived = await ProductAsync($"Old lamp {Guid.NewGuid():N}"[..16], 10m, 1);
        (await admin.DeleteAsync($"/api/admin/catalog/products/{archived}", Ct)).IsSuccessStatusCode.ShouldBeTrue();
        return (category["slug"]!.GetValue<string>(), cheap, dear, archived);
    }

    [Fact]
    public async Task A_category_page_lists_its_live_products_with_filters_sort_and_money_in_the_shop_currency()
    {
        var (category, cheap, dear, archived) = await SeedAsync();

        var page = (await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(Category: category, Sort: "price_asc"), Ct))).Value;
        page.Items.Select(p => p.Id).ShouldBe([cheap, dear]); // the archived one is not in a shop window
        page.TotalCount.ShouldBe(2);
        var first = page.Items[0];
        first.Price.ShouldBe(Money.Of(19.5m, "USD"));
        first.Images.ShouldBe(["/img/lamp.jpg"]);
        first.Category.Slug.ShouldBe(category);
        var variant = page.Items[1].Variants.ShouldHaveSingleItem();
        variant.Options["color"].ShouldBe("green");
        variant.Price.ShouldBe(Money.Of(125m, "USD"));

        (await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(Category: category, MaxPrice: 50m), Ct))).Value.Items.Select(p => p.Id).ShouldBe([cheap]);
        (await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(Category: category, InStock: true, Sort: "price_desc"), Ct))).Value.Items.Select(p => p.Id)
            .ShouldBe([dear, cheap]); // the variant's stock counts
        (await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(Q: "brass", Category: category), Ct))).Value.Items.Select(p => p.Id).ShouldBe([cheap]);
        archived.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task A_bad_query_is_a_validation_error_naming_the_field_as_the_REST_list_answers()
    {
        var tooBig = await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(PageSize: 1000), Ct));
        tooBig.Error!.Kind.ShouldBe(ErrorKind.Validation);
        tooBig.Error.Fields!.Keys.ShouldContain("pageSize");

        var upsideDown = await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(MinPrice: 10m, MaxPrice: 5m), Ct));
        upsideDown.Error!.Fields!.Keys.ShouldContain("maxPrice");
        (await factory.CatalogAsync(api => api.ListAsync(new CatalogListingQuery(Sort: "cheapest"), Ct))).Error!.Fields!.Keys.ShouldContain("sort");
    }

    [Fact]
    public async Task A_product_page_finds_a_live_product_by_slug_or_id_and_nothing_archived_or_unknown()
    {
        var (_, cheap, _, archived) = await SeedAsync();
        var product = (await factory.CatalogAsync(api => api.GetBySlugAsync(cheap.ToString(), Ct)))!;

        (await factory.CatalogAsync(api => api.GetBySlugAsync(product.Slug, Ct)))!.Id.ShouldBe(cheap);
        product.Description.ShouldEndWith("a lamp for reading");
        (await factory.CatalogAsync(api => api.GetBySlugAsync(archived.ToString(), Ct))).ShouldBeNull();
        (await factory.CatalogAsync(api => api.GetBySlugAsync("no-such-lamp", Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task Categories_come_with_their_live_product_counts()
    {
        var (category, _, _, _) = await SeedAsync();

        var categories = await factory.CatalogAsync(api => api.ListCategoriesAsync(Ct));
        categories.Single(c => c.Slug == category).ProductCount.ShouldBe(2);
    }
}
