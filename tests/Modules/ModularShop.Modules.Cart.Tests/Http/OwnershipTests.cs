using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>A user's cart is theirs alone: everyone else, and the anonymous, get 404 (never 403: no hint it exists).</summary>
public sealed class OwnershipTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Another_user_and_anonymous_callers_get_404_for_every_operation_on_a_users_cart()
    {
        var product = await _carts.CreateProductAsync();
        var owner = _carts.Customer();
        var cart = await _carts.CreateCartAsync(owner);
        var line = (await _carts.AddItemAsync(cart.Id, product.Id, 2, client: owner)).Items[0];

        foreach (var stranger in new[] { _carts.Customer(), _carts.Anonymous })
        {
            (await (await _carts.GetAsync(cart.Id, stranger)).ReadProblemAsync(HttpStatusCode.NotFound)).Code.ShouldBe("cart.not_found");
            await (await _carts.AddAsync(cart.Id, product.Id, 1, client: stranger)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await _carts.SetQuantityAsync(cart.Id, line.Id, 5, stranger)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await _carts.RemoveAsync(cart.Id, line.Id, stranger)).ReadProblemAsync(HttpStatusCode.NotFound);
            await (await _carts.ClearAsync(cart.Id, stranger)).ReadProblemAsync(HttpStatusCode.NotFound);
        }

        await (await _carts.MergeAsync(cart.Id, _carts.Customer())).ReadProblemAsync(HttpStatusCode.NotFound);

        var untouched = await _carts.GetCartAsync(cart.Id, owner);
        untouched.Items.Single().Quantity.ShouldBe(2);
        untouched.Version.ShouldBe(cart.Version + 1);
    }

    [Fact]
    public async Task The_not_found_answer_for_someone_elses_cart_is_the_same_as_for_a_cart_that_does_not_exist()
    {
        var cart = await _carts.CreateCartAsync(_carts.Customer());
        var theirs = await (await _carts.GetAsync(cart.Id, _carts.Customer())).ReadProblemAsync(HttpStatusCode.NotFound);
        var none = await (await _carts.GetAsync(Guid.NewGuid(), _carts.Customer())).ReadProblemAsync(HttpStatusCode.NotFound);

        theirs.Code.ShouldBe(none.Code);
        theirs.Detail.ShouldBe(none.Detail);
        theirs.Title.ShouldBe(none.Title);
    }

    [Fact]
    public async Task An_anonymous_cart_is_usable_with_or_without_a_token_and_stays_anonymous()
    {
        var product = await _carts.CreateProductAsync();
        var cart = await _carts.CreateCartAsync();
        var signedIn = _carts.Customer();

        await _carts.AddItemAsync(cart.Id, product.Id, 1, client: signedIn);
        (await _carts.GetCartAsync(cart.Id, _carts.Anonymous)).ItemCount.ShouldBe(1);
        (await _carts.GetCartAsync(cart.Id, _carts.Customer())).ItemCount.ShouldBe(1);
    }
}
