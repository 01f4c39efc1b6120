using System.Net;
using ModularShop.Testing;
using Shouldly;
using Xunit;

namespace ModularShop.Modules.Orders.Tests.Http;

/// <summary>Every change of an order takes its row lock: parallel requests are applied one after the other, never lost or doubled.</summary>
public sealed class ConcurrencyTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private readonly OrdersDriver _orders = new(factory);

    [Fact]
    public async Task Parallel_partial_refunds_never_give_back_more_than_was_captured()
    {
        var (userId, client) = _orders.Customer();
        var order = await _orders.PlacedOrderAsync(userId, client, await _orders.CreateProductAsync(price: 20m)); // 26.99
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 6).Select(async _ =>
        {
            await start.WaitAsync(OrdersDriver.Ct);
            return await _orders.RefundAsync(order.Id, 10m, "parallel");
        }).ToList();
        start.Release(6);
        var responses = await Task.WhenAll(tasks);

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(2, "two refunds of 10.00 fit into 26.99, a third does not");
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            (await refused.ReadProblemAsync(HttpStatusCode.Conflict)).Code.ShouldBe("orders.refund_exceeds_captured");
        }

        var after = await _orders.GetOrderAsync(client, order.Id);
        (after.Status, after.Refunded).ShouldBe(("Paid", 20m));
        (await _orders.PaymentsAsync(api => api.GetAsync(order.Payment.Id, OrdersDriver.Ct)))!.Refunded.Amount.ShouldBe(20m);
    }

    [Fact]
    public async Task A_cancel_racing_a_ship_lets_exactly_one_win()
    {
        var (userId, client) = _orders.Customer();
        var product = await _orders.CreateProductAsync(stock: 40);
        for (var round = 0; round < 5; round++)
        {
            var order = await _orders.PlacedOrderAsync(userId, client, product);
            var cancel = _orders.CancelAsync(client, order.Id);
            var ship = _orders.ShipAsync(order.Id);
            var (cancelled, shipped) = (await cancel, await ship);

            new[] { cancelled.StatusCode, shipped.StatusCode }.OrderBy(s => s).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
            var final = await _orders.GetOrderAsync(client, order.Id);
            final.Status.ShouldBe(cancelled.StatusCode == HttpStatusCode.OK ? "Cancelled" : "Shipped");
            final.History.Count.ShouldBe(2);
        }
    }
}
