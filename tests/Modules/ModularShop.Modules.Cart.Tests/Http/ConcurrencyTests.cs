using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>Parallel changes to one cart queue up on the cart; none is lost.</summary>
public sealed class ConcurrencyTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Twenty_parallel_adds_of_one_give_quantity_twenty()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var cart = await _carts.CreateCartAsync();
        using var start = new ManualResetEventSlim();

        var requests = Enumerable.Range(0, 20)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait(CartDriver.Ct);
                return await _carts.AddAsync(cart.Id, product.Id, 1, client: factory.CreateAnonymousClient());
            }, CartDriver.Ct))
            .ToList();
        start.Set();
        var answers = await Task.WhenAll(requests);

        var ok = answers.Count(r => r.StatusCode == HttpStatusCode.OK);
        var conflicts = answers.Count(r => r.StatusCode == HttpStatusCode.Conflict);
        (ok + conflicts).ShouldBe(20, "every answer is a 200 or a counted 409");
        var final = await _carts.GetCartAsync(cart.Id);
        final.Items.Single().Quantity.ShouldBe(ok);
        ok.ShouldBe(20, "adds queue up on the cart's lock; none needs to be refused");
        final.Version.ShouldBe(cart.Version + 20);
    }

    [Fact]
    public async Task Parallel_adds_of_different_products_and_quantity_changes_all_land()
    {
        var products = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _carts.CreateProductAsync(stock: 100)));
        var cart = await _carts.CreateCartAsync();

        var answers = await Task.WhenAll(products.SelectMany(p => new[]
        {
            _carts.AddAsync(cart.Id, p.Id, 2, client: factory.CreateAnonymousClient()),
            _carts.AddAsync(cart.Id, p.Id, 3, client: factory.CreateAnonymousClient()),
        }));

        answers.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        var final = await _carts.GetCartAsync(cart.Id);
        final.Items.Count.ShouldBe(10);
        final.Items.ShouldAllBe(i => i.Quantity == 5);
        final.ItemCount.ShouldBe(50);
    }

    [Fact]
    public async Task Parallel_adds_never_put_more_in_a_line_than_the_stock()
    {
        var product = await _carts.CreateProductAsync(stock: 7);
        var cart = await _carts.CreateCartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 15).Select(_ => _carts.AddAsync(cart.Id, product.Id, 1, client: factory.CreateAnonymousClient())));

        answers.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(7);
        answers.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(8);
        (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(7);
    }
}
