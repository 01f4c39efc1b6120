using Microsoft.Extensions.DependencyInjection;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Cart.Tests.Http;

/// <summary>
/// Units reserved or sold elsewhere (checkout, through ICatalogApi) reach carts through Catalog's stock events — no
/// product update, no new product version — so a cart's INSUFFICIENT_STOCK problems stay true.
/// </summary>
public sealed class StockEventsTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly CartDriver _carts = new(factory);

    [Fact]
    public async Task Units_reserved_by_another_checkout_show_as_INSUFFICIENT_STOCK_and_their_release_clears_it()
    {
        var product = await _carts.CreateProductWithVariantsAsync(10m, ("M", 5, null));
        var variant = product.Variants.Single();
        var cart = await _carts.CreateCartAsync();
        await _carts.AddItemAsync(cart.Id, product.Id, 3, variant.Id);

        var reservation = await CatalogAsync(api => api.ReserveAsync(
            Guid.NewGuid(), [new StockReservationLine(product.Id, variant.Id, 4)], DateTimeOffset.UtcNow.AddMinutes(15), CartDriver.Ct));
        reservation.Value.Status.ShouldBe(StockReservationStatus.Reserved);

        var short_ = await _carts.EventuallyAsync(cart.Id, c => c.Problems.Any(p => p.Code == "INSUFFICIENT_STOCK"), Budget);
        short_.Items.Single().Available.ShouldBeFalse();
        short_.Problems.Single().Message.ShouldContain("1");

        await CatalogAsync(api => api.ReleaseAsync(reservation.Value.Id, CartDriver.Ct));
        var restored = await _carts.EventuallyAsync(cart.Id, c => c.Problems.Count == 0, Budget);
        restored.Items.Single().Available.ShouldBeTrue();
    }

    [Fact]
    public async Task A_cart_add_checks_the_stock_left_after_a_reservation()
    {
        var product = await _carts.CreateProductAsync(stock: 5);
        var reservation = await CatalogAsync(api => api.ReserveAsync(
            Guid.NewGuid(), [new StockReservationLine(product.Id, null, 4)], DateTimeOffset.UtcNow.AddMinutes(15), CartDriver.Ct));
        reservation.Value.Status.ShouldBe(StockReservationStatus.Reserved);
        var cart = await _carts.CreateCartAsync();

        var tooMany = await _carts.AddAsync(cart.Id, product.Id, 2);

        (await tooMany.ReadProblemAsync(System.Net.HttpStatusCode.Conflict)).Code.ShouldBe("cart.insufficient_stock");
        (await _carts.AddItemAsync(cart.Id, product.Id, 1)).Items.Single().Quantity.ShouldBe(1);
    }

    private async Task<T> CatalogAsync<T>(Func<ICatalogApi, Task<T>> call)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<ICatalogApi>());
    }
}
