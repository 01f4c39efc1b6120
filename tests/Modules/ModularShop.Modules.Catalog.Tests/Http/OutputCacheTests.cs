using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary>Anonymous catalog reads are output-cached; every admin change evicts them on this instance at once.</summary>
public sealed class OutputCacheTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_product_reads_are_served_from_the_output_cache()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);

        await (await _catalog.GetProductAsync(product.Slug)).ExpectStatusAsync(HttpStatusCode.OK);
        var second = await _catalog.GetProductAsync(product.Slug);

        await second.ExpectStatusAsync(HttpStatusCode.OK);
        second.Headers.Age.ShouldNotBeNull("the second read should come from the output cache");
    }

    [Fact]
    public async Task Product_replace_is_visible_on_the_next_anonymous_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id, price: 10m);
        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Price.ShouldBe(10m);
        (await _catalog.ListAsync($"category={category.Slug}")).Items.Single().Price.ShouldBe(10m);

        await (await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug, price: 12m)))
            .ExpectStatusAsync(HttpStatusCode.OK);

        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Price.ShouldBe(12m);
        (await _catalog.ListAsync($"category={category.Slug}")).Items.Single().Price.ShouldBe(12m);
    }

    [Fact]
    public async Task New_product_is_listed_on_the_next_anonymous_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        await _catalog.CreateProductAsync(category.Id);
        (await _catalog.ListAsync($"category={category.Slug}")).TotalCount.ShouldBe(1);
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == category.Id).ProductCount.ShouldBe(1);

        await _catalog.CreateProductAsync(category.Id);

        (await _catalog.ListAsync($"category={category.Slug}")).TotalCount.ShouldBe(2);
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == category.Id).ProductCount.ShouldBe(2);
    }

    [Fact]
    public async Task Archived_product_is_gone_on_the_next_anonymous_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        await (await _catalog.GetProductAsync(product.Id.ToString())).ExpectStatusAsync(HttpStatusCode.OK);
        (await _catalog.ListAsync($"category={category.Slug}")).TotalCount.ShouldBe(1);

        await (await _catalog.ArchiveProductAsync(product.Id)).ExpectStatusAsync(HttpStatusCode.NoContent);

        await (await _catalog.GetProductAsync(product.Id.ToString())).ReadProblemAsync(HttpStatusCode.NotFound);
        (await _catalog.ListAsync($"category={category.Slug}")).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Stock_change_is_visible_on_the_next_anonymous_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 1)]));
        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Stock.ShouldBe(1);
        (await _catalog.ListAsync($"category={category.Slug}&inStock=false")).TotalCount.ShouldBe(0);

        await (await _catalog.SetVariantStockAsync(product.Id, product.Variants[0].Id, 0)).ExpectStatusAsync(HttpStatusCode.OK);

        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Stock.ShouldBe(0);
        (await _catalog.ListAsync($"category={category.Slug}&inStock=false")).TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task Category_changes_are_visible_on_the_next_anonymous_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        (await _catalog.ListCategoriesAsync()).ShouldContain(c => c.Id == category.Id);

        await (await _catalog.Admin.PutAsJsonAsync($"{CatalogDriver.AdminCategories}/{category.Id}", new { name = "Renamed", slug = category.Slug }, Ct))
            .ExpectStatusAsync(HttpStatusCode.OK);
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == category.Id).Name.ShouldBe("Renamed");

        await (await _catalog.Admin.DeleteAsync($"{CatalogDriver.AdminCategories}/{category.Id}", Ct)).ExpectStatusAsync(HttpStatusCode.NoContent);
        (await _catalog.ListCategoriesAsync()).ShouldNotContain(c => c.Id == category.Id);
    }
}
