using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary><c>GET /api/catalog/products/{idOrSlug}</c>.</summary>
public sealed class ProductReadTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    [Fact]
    public async Task Product_is_found_by_id_and_by_slug_with_its_version_as_ETag()
    {
        var category = await _catalog.CreateCategoryAsync();
        var created = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, price: 12.5m, comparePrice: 15m,
            stock: null, variants: [CatalogDriver.VariantBody(stock: 2), CatalogDriver.VariantBody(stock: 3, price: 14m)]));

        foreach (var key in new[] { created.Id.ToString(), created.Slug })
        {
            var response = await _catalog.GetProductAsync(key);
            var product = await response.ReadJsonAsync<ProductDto>();

            response.Headers.ETag.ShouldNotBeNull().Tag.ShouldBe(product.EntityTag);
            product.Id.ShouldBe(created.Id);
            product.Slug.ShouldBe(created.Slug);
            product.Price.ShouldBe(12.5m);
            product.ComparePrice.ShouldBe(15m);
            product.Currency.ShouldBe("USD");
            product.Category.ShouldBe(new CategoryRefDto(category.Id, category.Slug, category.Name));
            product.Variants.Select(v => v.Price).ShouldBe([12.5m, 14m]);
            product.Stock.ShouldBe(5);
            product.Version.ShouldBe(created.Version);
        }
    }

    [Fact]
    public async Task Product_timestamps_are_utc_iso_8601()
    {
        var category = await _catalog.CreateCategoryAsync();
        var created = await _catalog.CreateProductAsync(category.Id);

        var json = await (await _catalog.GetProductAsync(created.Slug)).ReadJsonElementAsync();

        json.GetProperty("createdAt").GetString().ShouldEndWith("Z");
        json.GetProperty("updatedAt").GetString().ShouldEndWith("Z");
    }

    [Theory]
    [InlineData("no-such-product")]
    [InlineData("0b9a4a10-5c39-4a55-9d34-8c1c8f2b8d11")]
    public async Task Unknown_product_is_404_problem_details(string idOrSlug)
    {
        var response = await _catalog.GetProductAsync(idOrSlug);

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        problem.ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        problem.Status.ShouldBe(404);
        problem.Title.ShouldNotBeNullOrEmpty();
        problem.Type.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Archived_product_is_404_by_id_and_by_slug()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        (await _catalog.ArchiveProductAsync(product.Id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await _catalog.GetProductAsync(product.Id.ToString())).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _catalog.GetProductAsync(product.Slug)).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
