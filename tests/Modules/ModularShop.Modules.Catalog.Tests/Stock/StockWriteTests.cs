using System.Net;
using System.Text.Json.Nodes;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Tests.Http;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Catalog.Tests.Stock;

/// <summary>Admin stock writes alongside sales: stock takes, compare-and-set recounts, edits that lose no sale.</summary>
public sealed class StockWriteTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CatalogDriver _catalog = new(factory);

    [Fact]
    public async Task Expected_stock_makes_a_stock_take_a_compare_and_set()
    {
        var product = await VariantProductAsync(5);
        var variant = product.Variants[0].Id;

        var stale = await SetStockAsync(product.Id, variant, new JsonObject { ["stock"] = 7, ["expectedStock"] = 4 });
        var problem = await stale.ReadProblemAsync(HttpStatusCode.Conflict);
        problem.Code.ShouldBe("catalog.stock_changed");
        problem.Detail!.ShouldContain("5");
        (await factory.StockAsync(product.Id, variant)).ShouldBe(5);

        var current = await SetStockAsync(product.Id, variant, new JsonObject { ["stock"] = 7, ["expectedStock"] = 5 });
        (await current.ReadJsonAsync<ProductDto>()).Variants[0].Stock.ShouldBe(7);
    }

    [Fact]
    public async Task A_revalidating_client_always_gets_the_current_stock_in_full_and_its_etag_still_guards_an_edit()
    {
        var product = await VariantProductAsync(5);
        var before = await _catalog.GetProductAsync(product.Slug);
        var etag = before.Headers.ETag!.Tag;
        etag.ShouldBe($"\"{product.Version}\"");

        (await _catalog.SetVariantStockAsync(product.Id, product.Variants[0].Id, 2)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The first conditional GET refills the output cache, the second is served from it: neither may be a 304, since
        // the version (the ETag) did not change but the stock did.
        for (var i = 0; i < 2; i++)
        {
            var revalidate = new HttpRequestMessage(HttpMethod.Get, $"{CatalogDriver.Products}/{product.Slug}");
            revalidate.Headers.TryAddWithoutValidation("If-None-Match", etag);
            var after = await _catalog.Anonymous.SendAsync(revalidate, StockTestHelpers.Ct);
            after.StatusCode.ShouldBe(HttpStatusCode.OK, "a 304 would keep the sold units on the shopper's screen");
            after.Headers.ETag!.Tag.ShouldBe(etag);
            (await after.ReadJsonAsync<ProductDto>()).Stock.ShouldBe(2);
        }

        // The same ETag still guards an edit: the stock did not edit the product.
        var body = CatalogDriver.ProductBody(product.Category.Id, name: "Still current", stock: null,
            variants: [CatalogDriver.VariantBody(sku: product.Variants[0].Sku, id: product.Variants[0].Id)]);
        ((JsonObject)body["variants"]![0]!).Remove("stock");
        (await _catalog.ReplaceProductAsync(product.Id, body, ifMatch: etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_negative_expected_stock_is_400_naming_it()
    {
        var product = await VariantProductAsync(5);

        var response = await SetStockAsync(product.Id, product.Variants[0].Id, new JsonObject { ["stock"] = 7, ["expectedStock"] = -1 });

        (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys.ShouldBe(["expectedStock"]);
    }

    [Fact]
    public async Task A_replace_that_leaves_stock_out_keeps_the_units_sold_meanwhile_and_is_not_stale_because_of_them()
    {
        var product = await VariantProductAsync(10);
        var variant = product.Variants[0];
        var read = await _catalog.GetProductAsync(product.Slug);
        var etag = read.Headers.ETag!.Tag;

        // Units sell between the admin's read and the admin's save.
        (await factory.ReserveAsync(new StockReservationLine(product.Id, variant.Id, 3))).Reserved();

        var body = CatalogDriver.ProductBody(product.Category.Id, name: "Renamed while selling", stock: null,
            variants: [CatalogDriver.VariantBody(sku: variant.Sku, id: variant.Id)]);
        ((JsonObject)body["variants"]![0]!).Remove("stock");
        var replaced = await _catalog.ReplaceProductAsync(product.Id, body, ifMatch: etag);

        var updated = await replaced.ReadJsonAsync<ProductDto>();
        updated.Name.ShouldBe("Renamed while selling");
        updated.Variants.Single().Stock.ShouldBe(7, "the 3 units sold meanwhile are not overwritten");
        updated.Stock.ShouldBe(7);
        updated.Version.ShouldBe(product.Version + 1);
    }

    [Fact]
    public async Task A_replace_that_gives_a_stock_is_a_stock_take_and_a_new_variant_needs_one()
    {
        var product = await VariantProductAsync(10);
        var variant = product.Variants[0];

        var take = CatalogDriver.ProductBody(product.Category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(sku: variant.Sku, id: variant.Id, stock: 20), CatalogDriver.VariantBody(stock: 5)]);
        var counted = await (await _catalog.ReplaceProductAsync(product.Id, take)).ReadJsonAsync<ProductDto>();
        counted.Variants.Select(v => v.Stock).ShouldBe([20, 5]);
        counted.Stock.ShouldBe(25);

        var missing = CatalogDriver.ProductBody(product.Category.Id, stock: null,
            variants: [CatalogDriver.VariantBody(sku: variant.Sku, id: variant.Id), CatalogDriver.VariantBody()]);
        ((JsonObject)missing["variants"]![1]!).Remove("stock");
        var refused = await _catalog.ReplaceProductAsync(product.Id, missing);
        (await refused.ReadProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys.ShouldBe(["variants[1].stock"]);
        (await factory.StockAsync(product.Id)).ShouldBe(25);
    }

    [Fact]
    public async Task A_product_without_variants_keeps_its_stock_on_a_replace_without_one_and_takes_a_given_one()
    {
        var category = await _catalog.CreateCategoryAsync();
        var product = await _catalog.CreateProductAsync(category.Id, stock: 6);
        (await factory.ReserveAsync(new StockReservationLine(product.Id, null, 2))).Reserved();

        var kept = await (await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, name: "Kept", stock: null)))
            .ReadJsonAsync<ProductDto>();
        kept.Stock.ShouldBe(4);

        var taken = await (await _catalog.ReplaceProductAsync(product.Id, CatalogDriver.ProductBody(category.Id, name: "Counted", stock: 9)))
            .ReadJsonAsync<ProductDto>();
        taken.Stock.ShouldBe(9);
    }

    [Fact]
    public async Task An_admin_renames_the_product_while_thirty_reservations_run_and_everything_succeeds()
    {
        var product = await VariantProductAsync(100);
        var variant = product.Variants[0];
        var etag = (await _catalog.GetProductAsync(product.Slug)).Headers.ETag!.Tag;
        using var start = new SemaphoreSlim(0);

        var reservations = Enumerable.Range(0, 30).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            return await factory.ReserveAsync(new StockReservationLine(product.Id, variant.Id, 1));
        })).ToList();
        var rename = Task.Run(async () =>
        {
            await start.WaitAsync(StockTestHelpers.Ct);
            var body = CatalogDriver.ProductBody(product.Category.Id, name: "Renamed during the sale", stock: null,
                variants: [CatalogDriver.VariantBody(sku: variant.Sku, id: variant.Id)]);
            ((JsonObject)body["variants"]![0]!).Remove("stock");
            return await _catalog.ReplaceProductAsync(product.Id, body, ifMatch: etag);
        });
        start.Release(31);

        var renamed = await rename;
        var results = await Task.WhenAll(reservations);

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync(StockTestHelpers.Ct));
        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == StockReservationStatus.Reserved);
        var final = await (await _catalog.GetProductAsync(product.Id.ToString())).ReadJsonAsync<ProductDto>();
        final.Name.ShouldBe("Renamed during the sale");
        final.Stock.ShouldBe(70);
        await factory.StockIsConsistentAsync();
    }

    [Fact]
    public async Task An_admin_repricing_a_variant_while_it_is_being_reserved_never_deadlocks()
    {
        var product = await VariantProductAsync(1_000);
        var variant = product.Variants[0];
        for (var round = 0; round < 5; round++)
        {
            using var start = new SemaphoreSlim(0);
            var reservations = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            {
                await start.WaitAsync(StockTestHelpers.Ct);
                return await factory.ReserveAsync(new StockReservationLine(product.Id, variant.Id, 1));
            })).ToList();
            var price = 20m + round;
            var reprice = Task.Run(async () =>
            {
                await start.WaitAsync(StockTestHelpers.Ct);
                // The variant's row changes too (its price), so EF writes it: the edit must still take the product's lock first.
                var body = CatalogDriver.ProductBody(product.Category.Id, name: product.Name, stock: null,
                    variants: [CatalogDriver.VariantBody(sku: variant.Sku, id: variant.Id, price: price)]);
                ((JsonObject)body["variants"]![0]!).Remove("stock");
                return await _catalog.ReplaceProductAsync(product.Id, body);
            });
            start.Release(21);

            var repriced = await reprice;
            repriced.StatusCode.ShouldBe(HttpStatusCode.OK, await repriced.Content.ReadAsStringAsync(StockTestHelpers.Ct));
            (await Task.WhenAll(reservations)).ShouldAllBe(r => r.IsSuccess && r.Value.Status == StockReservationStatus.Reserved);
        }

        (await factory.StockAsync(product.Id, variant.Id)).ShouldBe(900);
        await factory.StockIsConsistentAsync();
    }

    private Task<HttpResponseMessage> SetStockAsync(Guid productId, Guid variantId, JsonObject body) =>
        _catalog.Admin.PutAsync(
            $"{CatalogDriver.AdminProducts}/{productId}/variants/{variantId}/stock",
            new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            StockTestHelpers.Ct);

    private async Task<ProductDto> VariantProductAsync(params int[] stocks)
    {
        var category = await _catalog.CreateCategoryAsync();
        return await _catalog.CreateProductAsync(CatalogDriver.ProductBody(category.Id, stock: null,
            variants: [.. stocks.Select(s => CatalogDriver.VariantBody(stock: s))]));
    }
}
