using System.Net;
using System.Net.Http.Json;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>The host on a connection pool of 4 (waits for a free connection at most 5 s).</summary>
public sealed class SmallPoolFactory : ShopFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["ConnectionStrings:Shop"] = ConnectionString + ";Maximum Pool Size=4;Timeout=5";
    }
}

/// <summary>
/// An idempotent add asks Catalog (a connection of Catalog's context) before it writes the cart (a connection of
/// Cart's): its transaction must not hold the cart connection while it waits for the catalog one, or a burst of keyed
/// adds larger than the pool starves it.
/// </summary>
public sealed class ConnectionPoolTests(SmallPoolFactory factory) : IClassFixture<SmallPoolFactory>
{
    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Twelve_parallel_keyed_adds_on_a_pool_of_four_connections_all_succeed()
    {
        var product = await _carts.CreateProductAsync(stock: 100);
        var carts = new List<CartDto>();
        for (var i = 0; i < 12; i++)
        {
            carts.Add(await _carts.CreateCartAsync());
        }

        var answers = await Task.WhenAll(carts.Select(cart => Task.Run(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cart.Id}/items")
            {
                Content = JsonContent.Create(new { productId = product.Id, quantity = 1 }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = await factory.CreateAnonymousClient().SendAsync(request, CartDriver.Ct);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(CartDriver.Ct));
        })));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK, string.Join(Environment.NewLine, answers.Where(a => a.StatusCode != HttpStatusCode.OK)));
        foreach (var cart in carts)
        {
            (await _carts.GetCartAsync(cart.Id)).Items.Single().Quantity.ShouldBe(1);
        }
    }
}
