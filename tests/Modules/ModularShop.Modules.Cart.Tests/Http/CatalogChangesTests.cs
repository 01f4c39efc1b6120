using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>
/// Catalog changes reach existing carts through Catalog's integration events (within 2 s), and show as
/// problems an optimistic client can act on line by line.
/// </summary>
public sealed class CatalogChangesTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task A_price_change_shows_in_existing_carts_within_two_seconds_as_PRICE_CHANGED()
    {
        var product = await _carts.CreateProductAsync(price: 10m, stock: 20);
        var other = await _carts.CreateProductAsync(price: 1m, stock: 20);
        var carts = new List<CartDto>();
        for (var i = 0; i < 3; i++)
        {
            var cart = await _carts.CreateCartAsync();
            await _carts.AddItemAsync(cart.Id, product.Id, 2);
            carts.Add(await _carts.AddItemAsync(cart.Id, other.Id, 1));
        }

        await _carts.ChangeProductAsync(product, price: 12.5m);
        var changedAt = DateTime.UtcNow;

        foreach (var cart in carts)
        {
            var seen = await _carts.EventuallyAsync(cart.Id, c => c.Items.Any(i => i.UnitPrice == 12.5m), Budget);
            var line = seen.Items.Single(i => i.ProductId == product.Id);
            line.LineTotal.ShouldBe(25m);
            seen.Subtotal.ShouldBe(26m);
            var problem = seen.Problems.ShouldHaveSingleItem();
            problem.Code.ShouldBe("PRICE_CHANGED");
            problem.ItemId.ShouldBe(line.Id);
            problem.Message.ShouldContain("10.00");
            problem.Message.ShouldContain("12.50");
            line.Available.ShouldBeTrue("a price change alone does not stop a purchase");
            seen.Version.ShouldBe(cart.Version, "the cart's own content did not change");
        }

        (DateTime.UtcNow - changedAt).ShouldBeLessThan(Budget + Budget);

        // Adding the product again (or changing its quantity) is the shopper accepting the new price.
        var accepted = await _carts.AddItemAsync(carts[0].Id, product.Id, 1);
        accepted.Problems.ShouldBeEmpty();
        accepted.Items.Single(i => i.ProductId == product.Id).Quantity.ShouldBe(3);
        var changedQuantity = await (await _carts.SetQuantityAsync(carts[1].Id, carts[1].Items[0].Id, 1)).ReadJsonAsync<CartDto>();
        changedQuantity.Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Less_stock_than_in_the_cart_is_INSUFFICIENT_STOCK_and_lowering_the_quantity_resolves_it()
    {
        var product = await _carts.CreateProductWithVariantsAsync(8m, ("S", 10, null), ("M", 10, null));
        var cart = await _carts.CreateCartAsync();
        var line = (await _carts.AddItemAsync(cart.Id, product.Id, 5, product.Variants[0].Id)).Items[0];

        await _carts.SetVariantStockAsync(product.Id, product.Variants[0].Id, 3);

        var seen = await _carts.EventuallyAsync(cart.Id, c => c.Problems.Count > 0, Budget);
        var problem = seen.Problems.ShouldHaveSingleItem();
        (problem.Code, problem.ItemId).ShouldBe(("INSUFFICIENT_STOCK", line.Id));
        problem.Message.ShouldContain("Only 3");
        seen.Items.Single().Available.ShouldBeFalse();

        (await (await _carts.SetQuantityAsync(cart.Id, line.Id, 6)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.insufficient_stock");
        var lowered = await (await _carts.SetQuantityAsync(cart.Id, line.Id, 4)).ReadJsonAsync<CartDto>();
        lowered.Problems.Single().Code.ShouldBe("INSUFFICIENT_STOCK", "lowering is allowed, but 4 is still more than 3");
        var fixedCart = await (await _carts.SetQuantityAsync(cart.Id, line.Id, 3)).ReadJsonAsync<CartDto>();
        fixedCart.Problems.ShouldBeEmpty();
        fixedCart.Items.Single().Available.ShouldBeTrue();

        await _carts.SetVariantStockAsync(product.Id, product.Variants[0].Id, 0);
        (await _carts.EventuallyAsync(cart.Id, c => c.Problems.Count > 0, Budget)).Problems.Single().Message.ShouldContain("sold out");
    }

    [Fact]
    public async Task An_archived_product_is_UNAVAILABLE_and_can_only_be_lowered_or_removed()
    {
        var product = await _carts.CreateProductAsync(price: 4m, stock: 10);
        var cart = await _carts.CreateCartAsync();
        var line = (await _carts.AddItemAsync(cart.Id, product.Id, 2)).Items[0];

        await _carts.ArchiveProductAsync(product.Id);

        var seen = await _carts.EventuallyAsync(cart.Id, c => c.Problems.Count > 0, Budget);
        (seen.Problems.Single().Code, seen.Problems.Single().ItemId).ShouldBe(("UNAVAILABLE", line.Id));
        seen.Items.Single().Available.ShouldBeFalse();
        (await (await _carts.SetQuantityAsync(cart.Id, line.Id, 3)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.unavailable");
        (await (await _carts.SetQuantityAsync(cart.Id, line.Id, 1)).ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(1);
        (await (await _carts.RemoveAsync(cart.Id, line.Id)).ReadJsonAsync<CartDto>()).Problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_variant_removed_from_the_product_is_UNAVAILABLE_but_the_line_keeps_its_description()
    {
        var product = await _carts.CreateProductWithVariantsAsync(15m, ("S", 10, null), ("M", 10, null));
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, product.Id, 1, product.Variants[0].Id);
        await _carts.AddItemAsync(cart.Id, product.Id, 1, product.Variants[1].Id);

        await _carts.ChangeProductAsync(product, variants: [product.Variants[1]]);

        var seen = await _carts.EventuallyAsync(cart.Id, c => c.Problems.Count > 0, Budget);
        var gone = seen.Items.Single(i => i.VariantId == product.Variants[0].Id);
        seen.Problems.Single().ShouldBe(new CartProblemDto("UNAVAILABLE", gone.Id, seen.Problems.Single().Message));
        (gone.Name, gone.VariantName, gone.Sku, gone.Available).ShouldBe((product.Name, "S", product.Variants[0].Sku, false));
        seen.Items.Single(i => i.VariantId == product.Variants[1].Id).Available.ShouldBeTrue();
    }
}
