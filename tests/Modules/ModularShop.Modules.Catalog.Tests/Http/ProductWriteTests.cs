using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Http;

/// <summary>Admin product writes: create, full replace, archive and variant stock.</summary>
public sealed class ProductWriteTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    [Fact]
    public async Task Created_product_is_201_with_a_Location_that_can_be_read()
    {
        var category = await _catalog.CreateCategoryAsync();
        var word = CatalogDriver.UniqueWord();

        var response = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id, name: $"Café Crème {word}", price: 7.25m, stock: 9));
        var created = await response.ReadJsonAsync<ProductDto>(HttpStatusCode.Created);

        created.Slug.ShouldBe($"cafe-creme-{word}");
        created.Name.ShouldBe($"Café Crème {word}");
        created.Price.ShouldBe(7.25m);
        created.Stock.ShouldBe(9);
        created.Version.ShouldBe(1);
        var location = response.Headers.Location.ShouldNotBeNull();
        location.OriginalString.ShouldBe($"/api/catalog/products/{created.Slug}");
        var read = await (await _catalog.Anonymous.GetAsync(location, TestContext.Current.CancellationToken)).ReadJsonAsync<ProductDto>();
        read.Id.ShouldBe(created.Id);
    }

    [Fact]
    public async Task Explicit_slug_is_kept()
    {
        var category = await _catalog.CreateCategoryAsync();
        var slug = $"my-own-{CatalogDriver.UniqueWord()}";

        var created = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, slug: slug));

        created.Slug.ShouldBe(slug);
    }

    [Fact]
    public async Task Duplicate_slug_is_409()
    {
        var category = await _catalog.CreateCategoryAsync();
        var name = $"Twin {CatalogDriver.UniqueWord()}";
        var first = await _catalog.CreateProductAsync(category.Id, name: name);

        var derived = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id, name: name));
        var explicitSlug = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id, slug: first.Slug));

        (await derived.ReadProblemAsync(HttpStatusCode.Conflict)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        await explicitSlug.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Slug_of_an_archived_product_stays_taken()
    {
        var category = await _catalog.CreateCategoryAsync();
        var archived = await _catalog.CreateProductAsync(category.Id);
        (await _catalog.ArchiveProductAsync(archived.Id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var response = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id, slug: archived.Slug));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Duplicate_sku_of_another_product_is_409()
    {
        var category = await _catalog.CreateCategoryAsync();
        var sku = CatalogDriver.UniqueSku();
        await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(sku)]));

        var response = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(), CatalogDriver.VariantBody(sku)]));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Variant_price_defaults_to_the_product_price_and_stock_is_the_sum_of_variants()
    {
        var category = await _catalog.CreateCategoryAsync();

        var created = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, price: 20m, stock: 99, variants:
        [
            CatalogDriver.VariantBody(stock: 2, name: "S"),
            CatalogDriver.VariantBody(stock: 3, price: 22.5m, name: "L"),
        ]));

        created.Variants.Select(v => (v.Name, v.Price, v.Stock)).ShouldBe([("S", 20m, 2), ("L", 22.5m, 3)]);
        created.Stock.ShouldBe(5);
        created.Variants.ShouldAllBe(v => v.Id != Guid.Empty);
        created.Variants[0].Options.ShouldBe(new Dictionary<string, string> { ["Size"] = "M" });
    }

    [Fact]
    public async Task Created_product_answers_its_version_as_ETag()
    {
        var category = await _catalog.CreateCategoryAsync();

        var response = await _catalog.PostProductAsync(CatalogDriver.ProductBody(category.Id));
        var created = await response.ReadJsonAsync<ProductDto>(HttpStatusCode.Created);

        response.Headers.ETag.ShouldNotBeNull().Tag.ShouldBe(created.EntityTag);
    }

    [Fact]
    public async Task Replace_updates_adds_and_removes_variants()
    {
        var category = await _catalog.CreateCategoryAsync();
        var created = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, price: 10m, stock: null,
            variants: [CatalogDriver.VariantBody(name: "S", stock: 1), CatalogDriver.VariantBody(name: "M", stock: 1)]));
        var kept = created.Variants[0];
        var newSku = CatalogDriver.UniqueSku();
        var newName = $"Renamed {CatalogDriver.UniqueWord()}";

        var response = await _catalog.ReplaceProductAsync(created.Id, CatalogDriver.ProductBody(category.Id, name: newName, price: 11m,
            stock: null, slug: created.Slug, variants:
            [
                CatalogDriver.VariantBody(kept.Sku, stock: 7, name: "Small", id: kept.Id),
                CatalogDriver.VariantBody(newSku, stock: 4, name: "Large", price: 13m),
            ]));
        var replaced = await response.ReadJsonAsync<ProductDto>();
        var read = await (await _catalog.GetProductAsync(created.Id.ToString())).ReadJsonAsync<ProductDto>();

        foreach (var product in new[] { replaced, read })
        {
            product.Name.ShouldBe(newName);
            product.Price.ShouldBe(11m);
            product.Variants.Select(v => (v.Name, v.Sku, v.Price, v.Stock)).ShouldBe([("Small", kept.Sku, 11m, 7), ("Large", newSku, 13m, 4)]);
            product.Variants[0].Id.ShouldBe(kept.Id);
            product.Variants[1].Id.ShouldNotBe(created.Variants[1].Id);
            product.Stock.ShouldBe(11);
            product.Version.ShouldBe(created.Version + 1);
        }

        response.Headers.ETag.ShouldNotBeNull().Tag.ShouldBe(replaced.EntityTag);
    }

    [Fact]
    public async Task Replace_can_give_a_new_variant_the_sku_of_a_removed_one()
    {
        var category = await _catalog.CreateCategoryAsync();
        var sku = CatalogDriver.UniqueSku();
        var created = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(sku, name: "Old")]));

        var response = await _catalog.ReplaceProductAsync(created.Id, CatalogDriver.ProductBody(category.Id, slug: created.Slug, stock: null,
            variants: [CatalogDriver.VariantBody(sku, name: "New", stock: 6)]));

        var replaced = await response.ReadJsonAsync<ProductDto>();
        replaced.Variants.ShouldHaveSingleItem().Name.ShouldBe("New");
        replaced.Variants[0].Id.ShouldNotBe(created.Variants[0].Id);
    }

    [Fact]
    public async Task Replace_with_the_sku_of_another_product_is_409_and_changes_nothing()
    {
        var category = await _catalog.CreateCategoryAsync();
        var other = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody()]));
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody()]));

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug, stock: null,
            variants: [CatalogDriver.VariantBody(other.Variants[0].Sku)]));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        var read = await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>();
        read.Version.ShouldBe(product.Version);
        read.Variants.Single().Sku.ShouldBe(product.Variants[0].Sku);
    }

    [Fact]
    public async Task Replace_with_the_slug_of_another_product_is_409()
    {
        var category = await _catalog.CreateCategoryAsync();
        var other = await _catalog.CreateProductAsync(category.Id);
        var product = await _catalog.CreateProductAsync(category.Id);

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: other.Slug));

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Replace_with_a_variant_id_of_another_product_is_400_naming_the_variant()
    {
        var category = await _catalog.CreateCategoryAsync();
        var other = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody()]));
        var product = await _catalog.CreateProductAsync(category.Id);

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug, stock: null,
            variants: [CatalogDriver.VariantBody(id: other.Variants[0].Id)]));

        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("variants[0].id");
    }

    [Fact]
    public async Task Replace_with_a_stale_If_Match_is_409_and_with_the_current_one_succeeds()
    {
        var category = await _catalog.CreateCategoryAsync();
        var created = await _catalog.CreateProductAsync(category.Id, price: 10m);
        var firstEdit = await (await _catalog.ReplaceProductAsync(created.Id,
            CatalogDriver.ProductBody(category.Id, slug: created.Slug, price: 11m), ifMatch: $"\"{created.Version}\"")).ReadJsonAsync<ProductDto>();

        var stale = await _catalog.ReplaceProductAsync(created.Id,
            CatalogDriver.ProductBody(category.Id, slug: created.Slug, price: 99m), ifMatch: $"\"{created.Version}\"");
        var current = await _catalog.ReplaceProductAsync(created.Id,
            CatalogDriver.ProductBody(category.Id, slug: created.Slug, price: 12m), ifMatch: $"\"{firstEdit.Version}\"");

        (await stale.ReadProblemAsync(HttpStatusCode.Conflict)).ContentType.ShouldBe(HttpResponseExtensions.ProblemJson);
        var updated = await current.ReadJsonAsync<ProductDto>();
        updated.Price.ShouldBe(12m);
        updated.Version.ShouldBe(firstEdit.Version + 1);
        (await (await _catalog.GetProductAsync(created.Slug)).ReadJsonAsync<ProductDto>()).Price.ShouldBe(12m);
    }

    [Fact]
    public async Task Replace_of_an_unknown_product_is_404()
    {
        var category = await _catalog.CreateCategoryAsync();

        var response = await _catalog.ReplaceProductAsync(Guid.NewGuid(), CatalogDriver.ProductBody(category.Id));

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Archive_is_204_and_the_product_disappears_from_public_reads()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);

        var response = await _catalog.ArchiveProductAsync(product.Id);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await _catalog.GetProductAsync(product.Slug)).ReadProblemAsync(HttpStatusCode.NotFound);
        (await _catalog.ListAsync($"category={category.Slug}")).Items.ShouldBeEmpty();
        (await _catalog.ListCategoriesAsync()).Single(c => c.Id == category.Id).ProductCount.ShouldBe(0);
    }

    [Fact]
    public async Task Archiving_an_unknown_or_archived_product_is_404()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        await (await _catalog.ArchiveProductAsync(product.Id)).ExpectStatusAsync(HttpStatusCode.NoContent);

        await (await _catalog.ArchiveProductAsync(product.Id)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _catalog.ArchiveProductAsync(Guid.NewGuid())).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Archived_product_cannot_be_replaced()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id);
        await (await _catalog.ArchiveProductAsync(product.Id)).ExpectStatusAsync(HttpStatusCode.NoContent);

        var response = await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug));

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Variant_stock_update_sets_the_variant_recomputes_the_product_stock_and_keeps_the_version()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(stock: 1), CatalogDriver.VariantBody(stock: 2)]));

        var response = await _catalog.SetVariantStockAsync(product.Id, product.Variants[1].Id, 10);

        var updated = await response.ReadJsonAsync<ProductDto>();
        updated.Variants.Select(v => v.Stock).ShouldBe([1, 10]);
        updated.Stock.ShouldBe(11);
        updated.Version.ShouldBe(product.Version, "stock changes do not change the descriptive version (an admin's edit stays valid)");
        response.Headers.ETag.ShouldNotBeNull().Tag.ShouldBe($"\"{product.Version}\"");
        updated.StockVersion.ShouldBe(product.StockVersion + 1, "the stock has a version of its own");
        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Stock.ShouldBe(11);
    }

    [Fact]
    public async Task Variant_stock_of_zero_is_allowed()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 3)]));

        var updated = await (await _catalog.SetVariantStockAsync(product.Id, product.Variants[0].Id, 0)).ReadJsonAsync<ProductDto>();

        updated.Stock.ShouldBe(0);
    }

    [Fact]
    public async Task Negative_variant_stock_is_400_naming_stock()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 3)]));

        var response = await _catalog.SetVariantStockAsync(product.Id, product.Variants[0].Id, -1);

        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain("stock");
        (await (await _catalog.GetProductAsync(product.Slug)).ReadJsonAsync<ProductDto>()).Stock.ShouldBe(3);
    }

    [Fact]
    public async Task Stock_update_of_an_unknown_variant_or_product_is_404()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 3)]));
        var other = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 3)]));

        await (await _catalog.SetVariantStockAsync(product.Id, Guid.NewGuid(), 1)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _catalog.SetVariantStockAsync(product.Id, other.Variants[0].Id, 1)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _catalog.SetVariantStockAsync(Guid.NewGuid(), product.Variants[0].Id, 1)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Product_without_variants_keeps_its_own_stock_on_replace()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id, stock: 4);
        var body = CatalogDriver.ProductBody(category.Id, slug: product.Slug, stock: 8);

        var replaced = await (await _catalog.ReplaceProductAsync(product.Id, body)).ReadJsonAsync<ProductDto>();

        replaced.Stock.ShouldBe(8);
        replaced.Variants.ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_every_variant_leaves_a_product_with_its_own_stock()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null, variants: [CatalogDriver.VariantBody(stock: 3)]));

        var replaced = await (await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, slug: product.Slug, stock: 2)))
            .ReadJsonAsync<ProductDto>();

        replaced.Variants.ShouldBeEmpty();
        replaced.Stock.ShouldBe(2);
    }

    [Fact]
    public async Task Moving_a_product_to_another_category_moves_it_in_filters()
    {
        var from = await _catalog.CreateCategoryAsync();
        var to = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(from.Id);
        var body = CatalogDriver.ProductBody(to.Id, slug: product.Slug);

        var replaced = await (await _catalog.ReplaceProductAsync(product.Id, body)).ReadJsonAsync<ProductDto>();

        replaced.Category.Id.ShouldBe(to.Id);
        (await _catalog.ListAsync($"category={from.Slug}")).Items.ShouldBeEmpty();
        (await _catalog.ListAsync($"category={to.Slug}")).Items.ShouldHaveSingleItem().Id.ShouldBe(product.Id);
    }
}
