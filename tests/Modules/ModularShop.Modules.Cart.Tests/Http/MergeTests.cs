using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>Signing in merges the anonymous cart into the user's: quantities add, capped by stock.</summary>
public sealed class MergeTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Lines_move_into_the_users_cart_quantities_add_capped_by_stock()
    {
        var plenty = await _carts.CreateProductAsync(price: 2m, stock: 100);
        var scarce = await _carts.CreateProductAsync(price: 5m, stock: 4);
        var sized = await _carts.CreateProductWithVariantsAsync(12m, ("S", 10, null), ("L", 10, null));
        var user = _carts.Customer();
        var mine = await (await _carts.MineAsync(user)).ReadJsonAsync<CartDto>();
        await _carts.AddItemAsync(mine.Id, plenty.Id, 2, client: user);
        await _carts.AddItemAsync(mine.Id, scarce.Id, 3, client: user);

        var anonymous = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(anonymous.Id, plenty.Id, 5);
        await _carts.AddItemAsync(anonymous.Id, scarce.Id, 3);
        await _carts.AddItemAsync(anonymous.Id, sized.Id, 1, sized.Variants[1].Id);

        var merged = await (await _carts.MergeAsync(anonymous.Id, user)).ReadJsonAsync<CartDto>();

        merged.Id.ShouldBe(mine.Id);
        merged.Items.Single(i => i.ProductId == plenty.Id).Quantity.ShouldBe(7);
        merged.Items.Single(i => i.ProductId == scarce.Id).Quantity.ShouldBe(4);
        var l = merged.Items.Single(i => i.ProductId == sized.Id);
        (l.VariantId, l.Quantity).ShouldBe((sized.Variants[1].Id, 1));
        merged.Problems.ShouldBeEmpty();
        (await (await _carts.MineAsync(user)).ReadJsonAsync<CartDto>()).ShouldBeEquivalentTo(merged);

        // The anonymous cart is gone for everyone; repeating the merge (a retried request) answers the same cart.
        await (await _carts.GetAsync(anonymous.Id)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _carts.AddAsync(anonymous.Id, plenty.Id)).ReadProblemAsync(HttpStatusCode.NotFound);
        var again = await (await _carts.MergeAsync(anonymous.Id, user)).ReadJsonAsync<CartDto>();
        again.ShouldBeEquivalentTo(merged);
        await (await _carts.MergeAsync(anonymous.Id, _carts.Customer())).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Merging_into_a_user_without_a_cart_creates_it_and_archived_products_stay_behind()
    {
        var kept = await _carts.CreateProductAsync(stock: 10);
        var archived = await _carts.CreateProductAsync(stock: 10);
        var anonymous = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(anonymous.Id, kept.Id, 2);
        await _carts.AddItemAsync(anonymous.Id, archived.Id, 1);
        await _carts.ArchiveProductAsync(archived.Id);
        var user = _carts.Customer();

        var merged = await (await _carts.MergeAsync(anonymous.Id, user)).ReadJsonAsync<CartDto>();

        merged.Id.ShouldNotBe(anonymous.Id);
        merged.Items.Select(i => (i.ProductId, i.Quantity)).ShouldBe([(kept.Id, 2)]);
        (await (await _carts.MineAsync(user)).ReadJsonAsync<CartDto>()).Id.ShouldBe(merged.Id);
    }

    [Fact]
    public async Task Merge_needs_a_signed_in_user_and_an_existing_cart_and_not_the_users_own_active_cart()
    {
        var anonymous = await _carts.CreateCartAsync();
        await (await _carts.MergeAsync(anonymous.Id, _carts.Anonymous)).ReadProblemAsync(HttpStatusCode.Unauthorized);
        (await (await _carts.MergeAsync(Guid.NewGuid(), _carts.Customer())).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");

        var user = _carts.Customer();
        var mine = await (await _carts.MineAsync(user)).ReadJsonAsync<CartDto>();
        (await (await _carts.MergeAsync(mine.Id, user)).ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("cart.merge_into_itself");
        (await _carts.GetCartAsync(anonymous.Id)).Id.ShouldBe(anonymous.Id);
    }

    [Fact]
    public async Task Parallel_merges_of_one_cart_move_its_lines_once()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var anonymous = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(anonymous.Id, product.Id, 3);
        var user = _carts.Customer();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _carts.MergeAsync(anonymous.Id, user)));

        answers.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await (await _carts.MineAsync(user)).ReadJsonAsync<CartDto>()).Items.Single().Quantity.ShouldBe(3);
    }
}
