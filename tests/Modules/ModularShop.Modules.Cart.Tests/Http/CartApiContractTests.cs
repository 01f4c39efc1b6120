using Microsoft.Extensions.DependencyInjection;
using ModularShop.BuildingBlocks.Kernel;
using ModularShop.Modules.Cart.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>
/// Decision 0013: the storefront changes carts through <see cref="ICartApi"/>, in-process, on behalf of a shopper.
/// The commands must keep every rule of the REST endpoints (they run the same use cases) and the same ownership.
/// </summary>
public sealed class CartApiContractTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _cart = new(factory);

    private static CancellationToken Ct => CartDriver.Ct;

    private async Task<T> CartsAsync<T>(Func<ICartApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICartApi>());
    }

    [Fact]
    public async Task Commands_change_an_anonymous_cart_exactly_as_the_REST_client_then_sees_it()
    {
        var product = await _cart.CreateProductAsync(price: 12.5m, stock: 10);
        var created = (await CartsAsync(api => api.CreateAsync(userId: null, Ct))).Value;
        created.UserId.ShouldBeNull();

        var added = (await CartsAsync(api => api.AddItemAsync(created.Id, null, product.Id, null, 3, cancellationToken: Ct))).Value;
        var line = added.Lines.ShouldHaveSingleItem();
        line.Quantity.ShouldBe(3);
        line.LineTotal.ShouldBe(Money.Of(37.5m, "USD"));
        added.Subtotal.ShouldBe(Money.Of(37.5m, "USD"));

        (await CartsAsync(api => api.AddItemAsync(created.Id, null, product.Id, null, 2, cancellationToken: Ct))).Value.Lines.ShouldHaveSingleItem().Quantity.ShouldBe(5);
        (await CartsAsync(api => api.SetQuantityAsync(created.Id, null, line.ItemId, 4, cancellationToken: Ct))).Value.Lines.ShouldHaveSingleItem().Quantity.ShouldBe(4);

        var rest = await _cart.GetCartAsync(created.Id);
        rest.Items.ShouldHaveSingleItem().Quantity.ShouldBe(4);
        rest.Subtotal.ShouldBe(50m);

        var removed = (await CartsAsync(api => api.RemoveItemAsync(created.Id, null, line.ItemId, cancellationToken: Ct))).Value;
        removed.Lines.ShouldBeEmpty();
        (await _cart.GetCartAsync(created.Id)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_REST_rules_hold_stock_validation_variants_stale_versions_and_unknown_lines()
    {
        var product = await _cart.CreateProductAsync(stock: 2);
        var shirt = await _cart.CreateProductWithVariantsAsync(20m, ("S", 1, null), ("M", 5, null));
        var cart = (await CartsAsync(api => api.CreateAsync(null, Ct))).Value;

        var tooMany = await CartsAsync(api => api.AddItemAsync(cart.Id, null, product.Id, null, 3, cancellationToken: Ct));
        tooMany.Error!.Kind.ShouldBe(ErrorKind.Conflict);
        tooMany.Error.Code.ShouldBe("cart.insufficient_stock");

        (await CartsAsync(api => api.AddItemAsync(cart.Id, null, product.Id, null, 0, cancellationToken: Ct))).Error!.Fields!.Keys.ShouldContain("quantity");
        (await CartsAsync(api => api.AddItemAsync(cart.Id, null, shirt.Id, null, 1, cancellationToken: Ct))).Error!.Fields!.Keys.ShouldContain("variantId");
        (await CartsAsync(api => api.AddItemAsync(cart.Id, null, Guid.NewGuid(), null, 1, cancellationToken: Ct))).Error!.Kind.ShouldBe(ErrorKind.NotFound);
        (await CartsAsync(api => api.SetQuantityAsync(cart.Id, null, Guid.NewGuid(), 1, cancellationToken: Ct))).Error!.Kind.ShouldBe(ErrorKind.NotFound);

        var withShirt = (await CartsAsync(api => api.AddItemAsync(cart.Id, null, shirt.Id, shirt.Variants[1].Id, 1, cancellationToken: Ct))).Value;
        withShirt.Lines.ShouldHaveSingleItem().VariantName.ShouldNotBeNull();
        var stale = await CartsAsync(api => api.AddItemAsync(cart.Id, null, product.Id, null, 1, expectedVersion: withShirt.Version - 1, cancellationToken: Ct));
        stale.Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task A_users_cart_is_theirs_alone_and_the_active_cart_is_created_on_first_ask()
    {
        var product = await _cart.CreateProductAsync();
        var ann = Guid.NewGuid();
        var bob = Guid.NewGuid();
        factory.EnsureUserOf(TestTokens.Customer(ann));
        factory.EnsureUserOf(TestTokens.Customer(bob));

        var annsCart = (await CartsAsync(api => api.GetActiveCartAsync(ann, Ct))).Value;
        annsCart.UserId.ShouldBe(ann);
        (await CartsAsync(api => api.GetActiveCartAsync(ann, Ct))).Value.Id.ShouldBe(annsCart.Id);

        (await CartsAsync(api => api.AddItemAsync(annsCart.Id, bob, product.Id, null, 1, cancellationToken: Ct))).Error!.Kind.ShouldBe(ErrorKind.NotFound);
        (await CartsAsync(api => api.AddItemAsync(annsCart.Id, null, product.Id, null, 1, cancellationToken: Ct))).Error!.Kind.ShouldBe(ErrorKind.NotFound);
        (await CartsAsync(api => api.AddItemAsync(annsCart.Id, ann, product.Id, null, 1, cancellationToken: Ct))).Value.UserId.ShouldBe(ann);
    }

    [Fact]
    public async Task Merging_at_sign_in_moves_the_anonymous_lines_into_the_users_cart_once()
    {
        var product = await _cart.CreateProductAsync(stock: 5);
        var user = Guid.NewGuid();
        factory.EnsureUserOf(TestTokens.Customer(user));
        var mine = (await CartsAsync(api => api.GetActiveCartAsync(user, Ct))).Value;
        await CartsAsync(api => api.AddItemAsync(mine.Id, user, product.Id, null, 2, cancellationToken: Ct));

        var anonymous = (await CartsAsync(api => api.CreateAsync(null, Ct))).Value;
        await CartsAsync(api => api.AddItemAsync(anonymous.Id, null, product.Id, null, 4, cancellationToken: Ct));

        var merged = (await CartsAsync(api => api.MergeAsync(anonymous.Id, user, Ct))).Value;
        merged.Id.ShouldBe(mine.Id);
        merged.Lines.ShouldHaveSingleItem().Quantity.ShouldBe(5); // 2 + 4, capped by the stock of 5

        (await CartsAsync(api => api.MergeAsync(anonymous.Id, user, Ct))).Value.Lines.ShouldHaveSingleItem().Quantity.ShouldBe(5);
        (await CartsAsync(api => api.MergeAsync(anonymous.Id, Guid.NewGuid(), Ct))).Error!.Kind.ShouldBe(ErrorKind.NotFound);
    }
}
